// Which credsStore Finch can use on each platform (Finch's registry-authentication guide and source): the macOS
// keychain on macOS from 1.15 (the credential server; before, logins and pulls run in the VM, which has no keychain);
// no system store on Windows (wincred) or Linux (secretservice); Docker Desktop's "desktop" store only where Docker
// Desktop is installed.
import { existsSync } from 'node:fs';
import type { Platform } from '../../../shared/types';
import { helperBinary } from '../credentials/helper';
import type { Env } from '../env';
import type { FinchRules } from '../finch/finch-rules';
import type { ConfigJson } from '../finch/config-json';
import type { Paths } from '../paths';
import { findExecutable } from '../process/find-executable';
import { osxkeychainInstall } from './osxkeychain-install';
import { systemPath } from './system-path';

/** The store a credsStore should name with this Finch, or null where it supports none. */
export function platformStore(rules: Pick<FinchRules, 'platform' | 'credentialServer'>): string | null {
  return rules.platform === 'darwin' && rules.credentialServer ? 'osxkeychain' : null;
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
export function unsupportedStoreReason(name: string, env: Env, paths: Paths, rules: Pick<FinchRules, 'credentialServer' | 'version'>): string | null {
  if (env.platform === 'darwin' && name === 'osxkeychain' && !rules.credentialServer) {
    return `Finch ${rules.version ?? ''} logs in and pulls inside its VM, which has no macOS keychain (the credential server that reaches it came with Finch 1.15).`.replace('Finch  ', 'Finch ');
  }
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

export function migrationTarget(config: ConfigJson, env: Env, paths: Paths, rules: FinchRules): MigrationTarget {
  const store = config.credsStore;
  if (store) {
    const unsupported = unsupportedStoreReason(store, env, paths, rules);
    if (unsupported) return { ok: false, why: `config.json names the store "${store}", but ${unsupported}` };
    // amazon-ecr-credential-helper only reads: its `store` answers "not implemented".
    if (store === 'ecr-login') return { ok: false, why: 'config.json names "ecr-login" as its store, and ecr-login cannot save passwords.' };
    if (!findExecutable(helperBinary(store), env, paths)) {
      return { ok: false, why: `config.json names the store "${store}", but ${helperBinary(store)} is not installed.` };
    }
    return { ok: true, helper: store, setsCredsStore: false };
  }
  if (env.platform === 'darwin' && rules.credentialServer) {
    if (osxkeychainInstall(paths, rules).usable) return { ok: true, helper: 'osxkeychain', setsCredsStore: true };
    return { ok: false, why: 'the macOS keychain helper (docker-credential-osxkeychain) is not installed where Finch looks for it.' };
  }
  return {
    ok: false,
    why:
      env.platform === 'darwin'
        ? `Finch ${rules.version ?? ''} keeps logins inside its VM, where there is no macOS keychain (Finch 1.15 added the credential server).`
        : `Finch supports no system credential store on ${env.platform === 'win32' ? 'Windows' : 'Linux'}.`,
  };
}
