// How to call finch on this machine: by absolute path, with the helper folders on PATH (GUI apps on macOS get a
// minimal PATH), with DOCKER_CONFIG set where the app reads logins, and on Linux as root (root-access.ts).
import path from 'node:path';
import type { Env } from '../env';
import { Failure } from '../failure';
import { locateFinch } from '../finch/finch-cli';
import type { FinchLockPaths } from '../finch/finch-lock';
import type { Paths } from '../paths';
import { childEnv } from '../process/find-executable';
import { chooseRootAccess, needsRoot, rootSituation, sudoPrefix } from './root-access';
import { RootSession, rootSearchPath, sessionArgs } from './root-session';

export interface Invocation {
  file: string;
  /** Arguments placed before finch's own (e.g. sudo's flags and finch's path). */
  prefix: string[];
  env: Record<string, string | undefined>;
  finchPath: string;
  /** finch.yaml, which every finch command rewrites, and the state folder holding the lock that serialises them. */
  paths: FinchLockPaths;
  /** Linux through pkexec: one root shell for the whole batch runs its logins and logouts (root-session.ts). */
  session?: RootSession;
}

/**
 * The variables finch is given by name, also through sudo and pkexec (which drop the rest): DOCKER_CONFIG, the folder
 * of the config.json the app reads, on every platform (see loginConfigDir for why each needs it).
 */
export function finchVars(_env: Env, paths: Paths): Record<string, string> {
  return { DOCKER_CONFIG: loginConfigDir(paths) };
}

/** finch as the user who runs the app: macOS and Windows, root on Linux, and `finch vm …` (no VM on Linux). */
export function finchInvocation(env: Env, paths: Paths): Invocation {
  const finchPath = locateFinch(env, paths);
  if (!finchPath) {
    throw new Failure('finch-missing', 'Finch was not found.', 'Install Finch from https://runfinch.com, or set FINCH_LOGINS_FINCH to the finch program.');
  }
  return { file: finchPath, prefix: [], env: childEnv(env, paths, finchVars(env, paths)), finchPath, paths };
}

/** finch with the rights a login or logout needs: on Linux as root (sudo without a password, else pkexec once). */
export async function loginInvocation(env: Env, paths: Paths, limitMs: number): Promise<Invocation> {
  const inv = finchInvocation(env, paths);
  const vars = finchVars(env, paths);
  const access = chooseRootAccess(env.platform, inv.finchPath, await rootSituation(env, paths, inv.finchPath, vars, inv.env));
  switch (access.how) {
    case 'direct':
      return inv;
    case 'sudo':
      return { ...inv, file: access.sudo, prefix: sudoPrefix(inv.finchPath, vars) };
    case 'pkexec':
      return { ...inv, session: new RootSession(access.pkexec, sessionArgs(inv.finchPath, loginConfigDir(paths), rootSearchPath(paths.extraBinDirs), limitMs), inv.env, limitMs) };
    case 'none':
      throw needsRoot(access);
  }
}

/**
 * The folder finch is told to log in to (DOCKER_CONFIG), on every platform, because Finch's own choice differs:
 * - macOS: 1.15.1+ uses ~/.finch unless DOCKER_CONFIG is set, but 1.15.0 leaves DOCKER_CONFIG alone and nerdctl then
 *   writes ~/.docker/config.json, which Finch's credential server never reads (cmd/finch/login_local.go at v1.15.0 vs
 *   v1.15.1). Before 1.15 the login runs in the VM and this does not matter.
 * - Windows: `finch login` writes %USERPROFILE%\.finch, but the VM reads %LOCALAPPDATA%\.finch (its .bashrc sets
 *   DOCKER_CONFIG there).
 * - Linux: Finch sets nothing; nerdctl runs as root with `sudo -E`'s environment, whose HOME is still the user's, so
 *   the login would land in ~user/.docker while `sudo finch pull` reads root's: point it at root's (/root/.docker).
 */
export function loginConfigDir(paths: Paths): string {
  return path.dirname(paths.configJson);
}
