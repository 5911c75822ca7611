// One finch command at a time per finch.yaml, across every Finch Logins process (the window, each CLI command) —
// until that command has rewritten the file.
//
// Why: every finch command — `--version` and `vm status` included — rewrites finch.yaml in place at its start
// (runfinch/finch pkg/config/config.go Load: read it, open it with O_TRUNC, write the bytes; nothing else in the
// commands the app runs writes it). A second finch that reads the file in that moment finds it empty, takes Finch's
// defaults and writes them back: the user's cpus and memory are gone (test/stress/finch-yaml.mjs, with the stand-in
// that copies Finch's code: 30 of 30 rounds without this lock).
//
// How long it is held: from before finch starts until finch.yaml has visibly been rewritten — it changed (inode,
// size or times) and is not empty; Finch truncates, then writes the whole file in one call, so a changed, non-empty
// file is the finished rewrite — or until finch exits, whichever comes first. A rewrite finch does not make (a
// finch.yaml that does not parse, one root owns) or cannot be seen (the same bytes within the same tick of a coarse
// file clock; nothing within the first 10 s) just keeps the lock until the end of the command: never shorter than needed, at worst the whole
// command. The rest of a `finch login` or `vm start` then runs beside the next command.
//
// Within a process the callers queue (a promise chain); across processes they take the bakery lock of
// state/file-lock.ts in the app's state folder, keyed by finch.yaml's path. A hung finch is killed at its own time
// limit (process/run.ts), so the lock is always released.
//
// Lock order: the config.json lock (state/config-lock.ts) first, then this one. This one is held only around one
// finch process (or one fix's writes) and nothing else is awaited under it, so it can never wait for the other.
import { existsSync, type BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
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

/** How often finch.yaml is looked at while a finch command starts (a stat; Finch rewrites it within milliseconds). */
const rewritePollMs = 2;
/** Not seen by then (a finch that stopped early, a coarse file clock): stop looking, keep the lock until finch exits. */
const rewriteLookMs = 10_000;

export function finchLockDir(paths: FinchLockPaths): string {
  return stateLockDir(paths.stateDir, 'finch-yaml', paths.finchYaml);
}

export interface FinchLockOptions {
  /** `work` runs a finch command: give the lock back as soon as that finch has rewritten finch.yaml. */
  untilRewritten?: boolean;
}

/**
 * Runs `work` (a finch command; or a fix writing finch.yaml, which finch's in-place rewrite would undo) once no other
 * finch command of ours is rewriting this finch.yaml. `what` names it in the message when the wait is over.
 */
export async function withFinchLock<T>(paths: FinchLockPaths, what: string, waitMs: number, work: () => Promise<T>, opts: FinchLockOptions = {}): Promise<T> {
  try {
    return await withLock(
      finchLockDir(paths),
      async (held) => {
        if (!opts.untilRewritten) return work();
        const watch = await onRewrite(paths.finchYaml, () => void held.release());
        try {
          return await work();
        } finally {
          watch.stop();
        }
      },
      { waitMs, waitIncludesQueue: true },
    );
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

/**
 * `read` of finch.yaml at a moment no finch command of ours is rewriting it: Finch truncates the file, then writes
 * it, and a read in between finds it empty (a status that flickers, a VM start recorded with the wrong settings).
 * After `waitMs` it reads all the same.
 */
export async function whenNotRewriting<T>(paths: FinchLockPaths, waitMs: number, read: () => Promise<T>): Promise<T> {
  // No lock folder: no finch of ours has run with this state folder, so none is rewriting the file — and a status
  // read of a first start writes nothing of its own (not even the state folder).
  if (!existsSync(finchLockDir(paths))) return read();
  try {
    return await withFinchLock(paths, 'Reading finch.yaml', waitMs, read);
  } catch (e) {
    if (e instanceof Failure && e.kind === 'finch-busy') return read();
    throw e;
  }
}

const fileState = (file: string) => stat(file, { bigint: true }).catch(() => null);

/** Watches `file` from now on and calls `then` once, when it has been rewritten (changed and not empty). */
async function onRewrite(file: string, then: () => void): Promise<{ stop(): void }> {
  const before = await fileState(file);
  const until = Date.now() + rewriteLookMs;
  let looking = false;
  const timer = setInterval(() => {
    if (Date.now() > until) clearInterval(timer);
    if (looking) return;
    looking = true;
    void fileState(file).then((now) => {
      looking = false;
      if (now && now.size > 0n && changed(before, now)) {
        clearInterval(timer);
        then();
      }
    });
  }, rewritePollMs);
  return { stop: () => clearInterval(timer) };
}

function changed(before: BigIntStats | null, now: BigIntStats): boolean {
  return !before || before.ino !== now.ino || before.size !== now.size || before.mtimeNs !== now.mtimeNs || before.ctimeNs !== now.ctimeNs;
}
