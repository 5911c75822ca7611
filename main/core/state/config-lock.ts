// The app's lock for one config.json: held by every Finch Logins process (the window, the CLI, a fix) while it runs
// something that rewrites the file — a `finch login` or `finch logout` that changes it, a fix, keys put back — so
// that two of them never rewrite it at once. Programs other than ours (finch in a terminal, Finch's own start-up)
// do not take it: the login read-back and the fix's re-check before each rename are for those.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Paths } from '../paths';
import { acquireLock } from './file-lock';

/** In the app's state folder, never beside the user's file. */
function configLockDir(paths: Pick<Paths, 'configJson' | 'stateDir'>): string {
  const id = createHash('sha256').update(path.resolve(paths.configJson)).digest('hex').slice(0, 16);
  return path.join(paths.stateDir, 'locks', `config-json-${id}.lock`);
}

/** Long enough for the logins queued before us (each bounded by finch login's own limit). */
const configLockWaitMs = 5 * 60_000;

export async function withConfigLock<T>(paths: Pick<Paths, 'configJson' | 'stateDir'>, work: () => Promise<T>): Promise<T> {
  const held = await acquireLock(configLockDir(paths), { waitMs: configLockWaitMs });
  try {
    return await work();
  } finally {
    await held.release();
  }
}
