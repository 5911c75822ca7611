// One finch command at a time per finch.yaml, across every Finch Logins process (the window, each CLI command).
//
// Why: every finch command — `--version` and `vm status` included — rewrites finch.yaml in place at its start
// (runfinch/finch pkg/config/config.go Load: open with O_TRUNC, then write the bytes). A second finch that reads the
// file in that moment finds it empty, takes Finch's defaults and writes them back: the user's cpus and memory are
// gone (the stand-in, which copies Finch's code, lost them in 10 of 30 parallel pairs of calls). Nothing outside
// finch can tell when its rewrite is over, so the lock is held for the whole command, `vm start` included.
//
// Within a process the callers queue (a promise chain); across processes they take the bakery lock of
// state/file-lock.ts in the app's state folder, keyed by finch.yaml's path. A hung finch is killed at its own time
// limit (process/run.ts), so the lock is always released.
//
// Lock order: the config.json lock (state/config-lock.ts) first, then this one. This one is held only around one
// finch process and nothing is awaited under it but that process, so it can never wait for the other.
import { Failure } from '../failure';
import type { Paths } from '../paths';
import { stateLockDir, withLock } from '../state/file-lock';

/** The finch.yaml finch rewrites, and the state folder the lock lives in. */
export type FinchLockPaths = Pick<Paths, 'finchYaml' | 'stateDir'>;

/**
 * How long a finch command waits for the others by default: the longest one of ours may hold the lock (`vm start`,
 * 300 s in vm/restart.ts) and a minute for the ones queued beside it.
 */
export const finchLockWaitMs = 6 * 60_000;

export function finchLockDir(paths: FinchLockPaths): string {
  return stateLockDir(paths.stateDir, 'finch-yaml', paths.finchYaml);
}

/**
 * Runs `work` (one finch process; or a fix writing finch.yaml, which finch's in-place rewrite would undo) once no
 * other finch command of ours is running on this finch.yaml. `what` names it in the message when the wait is over.
 */
export async function withFinchLock<T>(paths: FinchLockPaths, what: string, waitMs: number, work: () => Promise<T>): Promise<T> {
  try {
    return await withLock(finchLockDir(paths), work, { waitMs, waitIncludesQueue: true });
  } catch (e) {
    if (!(e instanceof Failure && e.kind === 'state-busy')) throw e;
    const secs = Math.round(waitMs / 1000);
    throw new Failure(
      'finch-busy',
      `${what} did not run: another finch command of Finch Logins (a VM restart, or logins) was still running after ${secs} s.`,
      'Finch rewrites finch.yaml at every command, so Finch Logins runs one at a time. Try again when the other has finished.',
    );
  }
}
