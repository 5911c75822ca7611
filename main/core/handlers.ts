// The handler table: one async function per contract channel, Electron-free. main/app/ipc.ts registers it with
// ipcMain (sender check + schema validation); the e2e harness serves the same table to Chromium. Every failure is
// logged (an unexpected one with its stack, which the envelope does not carry), the request's secrets redacted.
import type { AppSettings, Channel, EventName, Events, RequestOf, ResponseOf } from '../../shared/contract';
import { gatherDiagnostics, type DiagnosticsDeps } from './diagnostics';
import type { Env } from './env';
import { applyFix, previewFix, undoLastChange } from './fixes/fix-service';
import { runChecks } from './health/run-checks';
import { ecrHostsForProfile } from './login/ecr-from-profile';
import { addRegistries, login, loginAll, logout, setRegistryProfile, type LoginDeps } from './login/login-service';
import { ssoLogin } from './login/sso-login';
import { addSsoRegistries, createSignIns, rememberSsoRole, ssoAccounts, ssoSessions } from './sso/sso-service';
import { changeSettings, readAppSettings, setRegistryAutoRenew, type SettingsDeps } from './state/settings';
import { logFailure, secretsOf } from './log';
import { resolvePaths } from './paths';
import { readStatus } from './status';
import { restartVm } from './vm/restart';

export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface HandlerDeps extends LoginDeps, SettingsDeps, DiagnosticsDeps {
  /** Pushes an event to the window (the Electron shell and the e2e harness each supply one). */
  emit?: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** The shell applies changed settings (Dock icon, auto-renew schedule, tray). */
  onSettingsChanged?: (settings: AppSettings) => void;
  /** Opens an IAM Identity Center verification page in the user's browser (Electron: shell.openExternal). */
  openExternal?: (url: string) => void | Promise<void>;
}

export function createHandlers(env: Env, deps: HandlerDeps = {}): Handlers {
  const signIns = createSignIns(env, { openUrl: deps.openExternal });
  return logged({
    getStatus: () => readStatus(env),
    login: (req) => login(env, req, deps),
    loginAll: (req) => loginAll(env, deps, req?.relogin ? 'relogin' : 'renew'),
    logout: (req) => logout(env, req, deps),
    setProfile: ({ host, profile }) => setRegistryProfile(env, host, profile),
    addRegistry: async ({ host }) => (await addRegistries(env, [host]))[0]!,
    addEcrFromProfile: async ({ profile, regions }) => addRegistries(env, await ecrHostsForProfile(env, profile, regions)),
    ssoLogin: ({ profile }) => ssoLogin(env, profile, signIns),
    runChecks: () => runChecks(env),
    previewFix: ({ fixId }) => previewFix(env, fixId),
    applyFix: ({ fixId, token }) => applyFix(env, fixId, token, { onVmLine: (line) => deps.emit?.('vmLog', line) }),
    undo: () => undoLastChange(env),
    restartVm: () => restartVm(env, (line) => deps.emit?.('vmLog', line)),
    getSettings: () => readAppSettings(resolvePaths(env).stateDir, deps),
    setSettings: async (change) => settingsChanged(await changeSettings(resolvePaths(env).stateDir, change, deps)),
    setAutoRenew: async ({ host, enabled }) => settingsChanged(await setRegistryAutoRenew(resolvePaths(env).stateDir, host, enabled, deps)),
    ssoSessions: () => ssoSessions(env),
    ssoSignIn: (target) => signIns.start(target),
    ssoFinishSignIn: ({ session }) => signIns.finish(session),
    ssoCancelSignIn: async ({ session }) => signIns.cancel(session),
    ssoAccounts: ({ session, refresh }) => ssoAccounts(env, session, { refresh }),
    ssoSetRole: (binding) => rememberSsoRole(env, binding),
    ssoAddRegistries: ({ session, accounts, regions }) => addSsoRegistries(env, session, accounts, regions),
    copyDiagnostics: () => gatherDiagnostics(env, deps),
  });

  function logged(table: Handlers): Handlers {
    const wrapped = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
    for (const [name, handler] of Object.entries(table) as [Channel, (request: unknown) => Promise<unknown>][]) {
      wrapped[name] = async (request) => {
        try {
          return await handler(request);
        } catch (e) {
          logFailure(deps.log, name, e, secretsOf(request));
          throw e;
        }
      };
    }
    return wrapped as unknown as Handlers;
  }

  function settingsChanged(settings: AppSettings): AppSettings {
    deps.onSettingsChanged?.(settings);
    deps.emit?.('settingsChanged', settings);
    return settings;
  }
}
