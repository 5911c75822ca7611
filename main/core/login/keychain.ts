// Remembered registry passwords, in the OS keychain through @napi-rs/keyring (keytar's API: service + account →
// password). Service "finch-logins", account = registry host. On Linux the entry is pinned to the Secret Service:
// the default falls back to the kernel keyring, which forgets everything at reboot.
import { Failure } from '../failure';

/** The system keychain refused (locked, or no Secret Service on Linux). */
export function keychainFailed(what: string, why: string): Failure {
  return new Failure('keychain-failed', `The system keychain could not ${what}: ${why}`, 'Unlock your keychain (on Linux: a Secret Service such as GNOME Keyring must be running), then try again.');
}

export const keychainService = 'finch-logins';

export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The npm package holding the keychain's native binding for an OS and CPU (as scripts/keyring-binding.mjs packs it). */
export function keyringPackage(platform: string, arch: string): string {
  const abi = platform === 'linux' ? '-gnu' : platform === 'win32' ? '-msvc' : '';
  return `@napi-rs/keyring-${platform}-${arch}${abi}`;
}

type KeyringModule = typeof import('@napi-rs/keyring');

/**
 * Loads the keychain module. Its native binding ships per OS and CPU; a build carrying another CPU's (an arm64 package
 * made with only the x64 binding) fails here with napi-rs' "Cannot find native binding": say that in words instead.
 */
export async function loadKeyring(load: () => Promise<KeyringModule> = () => import('@napi-rs/keyring'), platform: string = process.platform, arch: string = process.arch): Promise<KeyringModule> {
  try {
    return await load();
  } catch (e) {
    const why = ((e as Error).message ?? String(e)).split('\n')[0];
    throw new Failure(
      'keychain-failed',
      `The system keychain cannot be used: this copy of Finch Logins lacks ${keyringPackage(platform, arch)}, the keychain module for ${platform} on ${arch} (${why}).`,
      `Install the Finch Logins build made for this computer's processor (${arch}). Logins work meanwhile; only remembering passwords does not.`,
    );
  }
}

export async function systemKeychain(load?: () => Promise<KeyringModule>): Promise<Keychain> {
  const { AsyncEntry } = await loadKeyring(load);
  const entry = (service: string, account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw keychainFailed(what, (e as Error).message);
    }
  };
  return {
    getPassword: (s, a) => guard('be read', () => entry(s, a).getPassword()),
    setPassword: (s, a, p) => guard('store the password', () => entry(s, a).setPassword(p)),
    deletePassword: (s, a) => guard('forget the password', () => entry(s, a).deletePassword()),
  };
}
