// Which credsStore Finch can use on each platform (Finch's registry-authentication guide; FACTS.md): the macOS
// keychain on macOS; no system store on Windows (wincred) or Linux (secretservice); Docker Desktop's "desktop"
// store only where Docker Desktop is installed.
import { existsSync } from 'node:fs';
import type { Platform } from '../../../shared/types';
import { helperBinary } from '../credentials/helper';
import type { Env } from '../env';
import type { ConfigJson } from '../finch/config-json';
import type { Paths } from '../paths';
import { findExecutable } from '../process/find-executable';
import { osxkeychainInstall } from './osxkeychain-install';
import { systemPath } from './system-path';

/** The store a credsStore should name on this platform, or null where Finch supports none. */
export function platformStore(platform: Platform): string | null {
  return platform === 'darwin' ? 'osxkeychain' : null;
}

const dockerDesktopApps: Record<Platform, string> = {
  darwin: '/Applications/Docker.app',
  win32: '/Program Files/Docker/Docker',
  linux: '/opt/docker-desktop',
};

export function dockerDesktopInstalled(env: Env, paths: Paths): boolean {
  return !!findExecutable(helperBinary('desktop'), env, paths) || existsSync(systemPath(paths, dockerDesktopApps[env.platform]));
}

/** Why Finch cannot use this store here, or null when it can. */
export function unsupportedStoreReason(name: string, env: Env, paths: Paths): string | null {
  if (env.platform === 'win32' && name === 'wincred') {
    return 'Finch does not support the Windows Credential Manager ("wincred"): with it, `finch login` and pulls fail to authenticate.';
  }
  if (env.platform === 'linux' && name === 'secretservice') {
    return 'Finch on Linux runs as root and does not support the desktop keyring ("secretservice"): with it, `finch login` and pulls fail to authenticate.';
  }
  if (env.platform !== 'darwin' && name === 'osxkeychain') {
    return '"osxkeychain" is the macOS keychain, which does not exist on this system.';
  }
  if (name === 'desktop' && !dockerDesktopInstalled(env, paths)) {
    return '"desktop" is Docker Desktop\u2019s store, and Docker Desktop is not installed here, so Finch cannot reach it.';
  }
  return null;
}

/** Where plaintext logins can be moved: a store that can `store`, is supported here, and is installed. */
export type MigrationTarget =
  | { ok: true; helper: string; setsCredsStore: boolean }
  | { ok: false; why: string };

export function migrationTarget(config: ConfigJson, env: Env, paths: Paths): MigrationTarget {
  const store = config.credsStore;
  if (store) {
    const unsupported = unsupportedStoreReason(store, env, paths);
    if (unsupported) return { ok: false, why: `config.json names the store "${store}", but ${unsupported}` };
    // amazon-ecr-credential-helper only reads: its `store` answers "not implemented".
    if (store === 'ecr-login') return { ok: false, why: 'config.json names "ecr-login" as its store, and ecr-login cannot save passwords.' };
    if (!findExecutable(helperBinary(store), env, paths)) {
      return { ok: false, why: `config.json names the store "${store}", but ${helperBinary(store)} is not installed.` };
    }
    return { ok: true, helper: store, setsCredsStore: false };
  }
  if (env.platform === 'darwin') {
    if (osxkeychainInstall(paths).usable) return { ok: true, helper: 'osxkeychain', setsCredsStore: true };
    return { ok: false, why: 'the macOS keychain helper (docker-credential-osxkeychain) is not installed where Finch looks for it.' };
  }
  return {
    ok: false,
    why: `Finch supports no system credential store on ${env.platform === 'win32' ? 'Windows' : 'Linux'}.`,
  };
}
