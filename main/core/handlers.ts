// The handler table: one async function per contract channel, Electron-free. main/app/ipc.ts registers it with
// ipcMain (sender check + schema validation); the e2e harness serves the same table to Chromium.
import type { Channel, RequestOf, ResponseOf } from '../../shared/contract';
import type { Env } from './env';
import { ecrHostsForProfile } from './login/ecr-from-profile';
import { addRegistries, login, loginAll, logout, setRegistryProfile, type LoginDeps } from './login/login-service';
import { ssoLogin } from './login/sso-login';
import { readStatus } from './status';

export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export function createHandlers(env: Env, deps: LoginDeps = {}): Handlers {
  return {
    getStatus: () => readStatus(env),
    login: (req) => login(env, req, deps),
    loginAll: () => loginAll(env, deps),
    logout: (req) => logout(env, req, deps),
    setProfile: ({ host, profile }) => setRegistryProfile(env, host, profile),
    addRegistry: async ({ host }) => (await addRegistries(env, [host]))[0]!,
    addEcrFromProfile: async ({ profile, regions }) => addRegistries(env, await ecrHostsForProfile(env, profile, regions)),
    ssoLogin: ({ profile }) => ssoLogin(env, profile),
  };
}
