// Read-modify-write of a file, one writer at a time: within this process by a queue per file, and across processes
// (the window and `finch-logins` may both be writing state.json, or logging in to one config.json) by a lock that
// cannot be stolen.
//
// Why not "create lock with O_EXCL, delete it when stale": checking that a lock is stale and deleting it are two
// steps, so a second process can delete the lock a first has just taken, and a release can delete a lock another
// process took over. No process here ever deletes or replaces a live lock. The lock is a folder (`<file>.lock`) in
// which every process that wants the file takes a numbered ticket (Lamport's bakery algorithm over file names):
//   1. create `c-<pid>-<id>` ("choosing"), read the folder, create `t-<max+1>-<pid>-<id>`, delete the marker;
//   2. wait until no other live process is choosing, then until no live ticket sorts before ours;
//   3. work; delete our own ticket — only ever our own.
// Every name is unique and only its creator deletes it while it is live, so there is nothing to race for. An entry
// is dead when its process no longer exists (checked at once), or stuck when its process has not touched it for
// `staleMs` (processes touch their entries while they wait and work); dead and stuck entries are ignored and swept.
// A stuck holder is overtaken after `staleMs`: a process that wakes up after that has lost the lock (its ticket is
// gone), which `stillHeld` tells it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Failure } from '../failure';
import { processExists } from '../process/alive';

export interface LockOptions {
  /** How long to wait for the lock before giving up with a Failure. */
  waitMs?: number;
  /** An entry not touched for this long belongs to a process that is stuck; it is passed over. */
  staleMs?: number;
}

const defaultStaleMs = 10_000;
/** Long enough to outlast a stuck holder (staleMs) and then take the lock. */
const defaultWaitMs = defaultStaleMs + 5_000;

const queues = new Map<string, Promise<unknown>>();

/** `work` gets the held lock so that it can check, right before it commits, that it was not overtaken meanwhile. */
export function withFileLock<T>(file: string, work: (held: HeldLock) => Promise<T>, opts: LockOptions = {}): Promise<T> {
  return withLock(`${file}.lock`, work, opts);
}

export interface QueuedLockOptions extends LockOptions {
  /** `waitMs` bounds the whole wait, this process's own queue included (by default only the wait for other processes). */
  waitIncludesQueue?: boolean;
}

/**
 * Runs `work` holding the lock folder `dir`: first in this process's queue for it (a promise chain, so its own callers
 * take turns without polling), then across processes. A caller that gives up its place in the queue lets the next one
 * on to the cross-process lock early, which still waits there for the holder: the queue orders, the lock excludes.
 * `work` may give the lock back before it ends (`held.release()`, e.g. once the part that needed it is over): the
 * next caller, here or in another process, goes on at once.
 */
export function withLock<T>(dir: string, work: (held: HeldLock) => Promise<T>, opts: QueuedLockOptions = {}): Promise<T> {
  const deadline = opts.waitIncludesQueue ? Date.now() + (opts.waitMs ?? defaultWaitMs) : null;
  const ahead = queues.get(dir) ?? Promise.resolve();
  let released!: () => void;
  const givenBack = new Promise<void>((resolve) => (released = resolve));
  const next = (deadline === null ? ahead : untilDeadline(ahead, deadline)).then(async () => {
    const lock = await acquireLock(dir, deadline === null ? opts : { ...opts, waitMs: Math.max(0, deadline - Date.now()) });
    let releasing: Promise<void> | undefined;
    const held: HeldLock = { stillHeld: lock.stillHeld, release: () => (releasing ??= lock.release().then(released)) };
    try {
      return await work(held);
    } finally {
      await held.release();
    }
  });
  queues.set(dir, Promise.race([givenBack, next.catch(() => undefined)]));
  return next;
}

/** Resolves when `ahead` settles or at the deadline, whichever comes first. */
function untilDeadline(ahead: Promise<unknown>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
  return Promise.race([ahead.then(() => undefined, () => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * The lock folder for one of the user's files, in the app's state folder (never beside the file): `name` says what
 * it guards, a hash of the file's absolute path tells the files apart.
 */
export function stateLockDir(stateDir: string, name: string, file: string): string {
  const id = createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);
  return path.join(stateDir, 'locks', `${name}-${id}.lock`);
}

export interface HeldLock {
  /** False once a stuck holder has been overtaken (its ticket swept by another process). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Entry {
  name: string;
  kind: 'c' | 't';
  pid: number;
}

function parse(name: string): Entry | null {
  const m = /^([ct])-(?:\d{12}-)?(\d+)-[0-9a-f]+$/.exec(name);
  return m ? { name, kind: m[1] as 'c' | 't', pid: Number(m[2]) } : null;
}

function ticketNumber(name: string): number {
  const m = /^t-(\d{12})-/.exec(name);
  return m ? Number(m[1]) : 0;
}

export async function acquireLock(dir: string, opts: LockOptions = {}): Promise<HeldLock> {
  const staleMs = opts.staleMs ?? defaultStaleMs;
  const deadline = Date.now() + (opts.waitMs ?? (opts.staleMs ? opts.staleMs + 5_000 : defaultWaitMs));
  await makeLockDir(dir, staleMs, deadline);
  const me = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const choosing = path.join(dir, `c-${me}`);
  await writeFile(choosing, '', { flag: 'wx', mode: 0o600 });
  let ticket: string;
  try {
    const max = Math.max(0, ...(await readdir(dir)).map(ticketNumber));
    ticket = `t-${String(max + 1).padStart(12, '0')}-${me}`;
    await writeFile(path.join(dir, ticket), '', { flag: 'wx', mode: 0o600 });
  } finally {
    await unlink(choosing).catch(() => undefined);
  }
  const mine = path.join(dir, ticket);
  // Touching our ticket tells the others we are alive; a process that is stopped stops touching it.
  const touch = setInterval(() => void utimes(mine, new Date(), new Date()).catch(() => undefined), Math.max(50, staleMs / 4));
  touch.unref();
  const release = async () => {
    clearInterval(touch);
    await unlink(mine).catch(() => undefined);
  };
  try {
    // Bakery: first nobody may still be choosing (they might take a lower number), then no lower live ticket.
    while ((await liveOthers(dir, staleMs, (e) => e.kind === 'c')) || (await liveOthers(dir, staleMs, (e) => e.kind === 't' && e.name < ticket))) {
      if (Date.now() > deadline) {
        throw new Failure(
          'state-busy',
          `Another Finch Logins process is holding ${path.basename(dir, '.lock')}.`,
          `Try again in a moment; if it persists, close the other Finch Logins window or command.`,
        );
      }
      await sleep(3 + Math.random() * 12);
    }
  } catch (e) {
    await release();
    throw e;
  }
  return {
    stillHeld: () => stat(mine).then(() => true, () => false),
    release,
  };
}

/** Whether any entry that `match`es belongs to a live process that is not stuck. Sweeps the dead and stuck ones. */
async function liveOthers(dir: string, staleMs: number, match: (e: Entry) => boolean): Promise<boolean> {
  for (const name of await readdir(dir)) {
    const e = parse(name);
    if (e && match(e) && (await isLive(path.join(dir, name), e.pid, staleMs))) return true;
  }
  return false;
}

async function isLive(file: string, pid: number, staleMs: number): Promise<boolean> {
  let stuck: boolean;
  try {
    stuck = Date.now() - (await stat(file)).mtimeMs > staleMs;
  } catch {
    return false; // released meanwhile
  }
  if (!!processExists(pid) && !stuck) return true;
  // Its process is gone or has stopped touching it: nobody else can own this unique name, so removing it is safe.
  await unlink(file).catch(() => undefined);
  return false;
}

/** The lock folder; a lock *file* of the same name is from an older version (pid inside) and is removed when stale. */
async function makeLockDir(dir: string, staleMs: number, deadline: number): Promise<void> {
  for (;;) {
    const raced = await mkdir(dir, { recursive: true, mode: 0o700 }).then(
      () => false,
      (e: NodeJS.ErrnoException) => {
        // EEXIST: an old lock file is there; ENOENT: it was removed while mkdir looked at it (look again).
        if (e.code === 'ENOENT' && Date.now() <= deadline) return true;
        if (e.code !== 'EEXIST') throw e;
        return false;
      },
    );
    if (raced) continue;
    try {
      if ((await stat(dir)).isDirectory()) return;
      const pid = Number(await readFile(dir, 'utf8'));
      if (!Number.isInteger(pid) || pid <= 0 || !processExists(pid) || Date.now() - (await stat(dir)).mtimeMs > staleMs) {
        await unlink(dir).catch(() => undefined); // unlink never removes a folder another process just made
        continue;
      }
    } catch (e) {
      // Removed, or already replaced by the folder, while we looked: look again.
      if (!['ENOENT', 'EISDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      continue;
    }
    if (Date.now() > deadline) throw new Failure('state-busy', `An older Finch Logins process is holding ${path.basename(dir, '.lock')}.`, 'Close it, then try again.');
    await sleep(20);
  }
}
