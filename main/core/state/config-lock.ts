// The app's lock for one config.json: held by every Finch Logins process (the window, the CLI, a fix) while it runs
// something that rewrites the file — a `finch login` or `finch logout` that changes it, a fix, keys put back — so
// that two of them never rewrite it at once. Programs other than ours (finch in a terminal, Finch's own start-up)
// do not take it: the login read-back and the fix's re-check before each rename are for those.
//
// Lock order: this lock first, then the finch lock (finch/finch-lock.ts) — a login under this lock runs finch, which
// takes the finch lock for that one command; nothing holding the finch lock ever waits for this one.
import type { Paths } from '../paths';
import { acquireLock, stateLockDir } from './file-lock';

/** Long enough for the logins queued before us (each bounded by finch login's own limit). */
const configLockWaitMs = 5 * 60_000;

export async function withConfigLock<T>(paths: Pick<Paths, 'configJson' | 'stateDir'>, work: () => Promise<T>): Promise<T> {
  const held = await acquireLock(stateLockDir(paths.stateDir, 'config-json', paths.configJson), { waitMs: configLockWaitMs });
  try {
    return await work();
  } finally {
    await held.release();
  }
}
