// The app's own memory, kept in its state folder: which profile logs in to which registry, when each login
// made here expires, and registries the user added. Never a secret (remembered passwords live in the keychain).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { Failure } from '../failure';
import { withFileLock, type LockOptions } from './file-lock';
import type { Problems } from '../problems';

/** The app's own files hold no secret, but who logs in where is nobody else's business. */
export const privateFile = { mode: 0o600, dirMode: 0o700 };

export interface RegistryMemory {
  /** Profile bound to this registry by the user. */
  profile?: string;
  /** Expiry of the login this app made (ECR tokens: 12 h). */
  expiresAt?: string;
  /** Profile that made the last login (may differ from the binding when resolved automatically). */
  loggedInWith?: string;
  /** A password for this registry is remembered in the keychain under this username. */
  rememberedUser?: string;
  /** Added in the app before any login. */
  added?: boolean;
  autoRenew?: boolean;
  /** Logs in with this IAM Identity Center role (added from the account picker); a bound `profile` wins. */
  sso?: { session: string; accountId: string; roleName: string };
}

/** How long an account STS named for a profile is trusted (AppState.accounts). */
export const accountCacheMs = 7 * 24 * 3600_000;

export interface AppState {
  version: 1;
  registries: Record<string, RegistryMemory>;
  /** Accounts of profiles learned from STS GetCallerIdentity, so guessing a profile costs one call per week. */
  accounts?: Record<string, { accountId: string; checkedAt: string }>;
  /** The version of the finch binary, keyed by its path, size and mtime (asking finch costs a process start). */
  finch?: { path: string; stamp: string; version: string };
  /** IAM Identity Center: start URLs typed in the app (not in ~/.aws/config), and the role picked per account. */
  sso?: {
    typed?: { startUrl: string; region: string }[];
    /** session id → account id → role name */
    roles?: Record<string, Record<string, string>>;
  };
}

export const stateFileName = 'state.json';

export function emptyState(): AppState {
  return { version: 1, registries: {} };
}

export async function loadState(stateDir: string, problems?: Problems): Promise<AppState> {
  const file = path.join(stateDir, stateFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return emptyState();
  }
  try {
    const doc = JSON.parse(text) as AppState;
    if (doc && doc.version === 1 && typeof doc.registries === 'object' && doc.registries !== null) return doc;
  } catch {
    // fall through
  }
  problems?.add(file, 'Finch Logins\u2019 own state file is damaged; login expiry times and profile choices are forgotten. It will be rewritten on the next login.');
  return emptyState();
}

/** Atomic: a crash leaves the old file or the new one, never half of one. */
export async function saveState(stateDir: string, state: AppState): Promise<void> {
  await writeFileAtomic(path.join(stateDir, stateFileName), Buffer.from(JSON.stringify(state, null, 2) + '\n'), privateFile);
}

/** Read-modify-write of the state, one writer at a time (this process and any other, e.g. the CLI beside the app). */
export function updateState(stateDir: string, change: (s: AppState) => void, lock?: LockOptions): Promise<AppState> {
  return withFileLock(
    path.join(stateDir, stateFileName),
    async (held) => {
      const s = await loadState(stateDir);
      change(s);
      // Stopped for longer than the lock's staleness, this process was overtaken: writing now would undo the others.
      if (!(await held.stillHeld())) throw new Failure('state-busy', 'Finch Logins was paused while saving its state and another process took over.', 'Try again.');
      await saveState(stateDir, s);
      return s;
    },
    lock,
  );
}
