// Remembered registry passwords, in the OS keychain through @napi-rs/keyring (keytar's API: service + account →
// password). Service "finch-logins", account = registry host. On Linux the entry is pinned to the Secret Service:
// the default falls back to the kernel keyring, which forgets everything at reboot.
import { Failure } from '../failure';

export const keychainService = 'finch-logins';

export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export async function systemKeychain(): Promise<Keychain> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  const entry = (service: string, account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw new Failure('keychain-failed', `The system keychain could not ${what}: ${(e as Error).message}`, 'Unlock your keychain (on Linux: a Secret Service such as GNOME Keyring must be running), then try again.');
    }
  };
  return {
    getPassword: (s, a) => guard('be read', () => entry(s, a).getPassword()),
    setPassword: (s, a, p) => guard('store the password', () => entry(s, a).setPassword(p)),
    deletePassword: (s, a) => guard('forget the password', () => entry(s, a).deletePassword()),
  };
}
