// Read-modify-write of the app's own files, one at a time: within this process by a queue per file, and across
// processes (the window and `finch-logins` may both be writing state.json) by a lock file beside it, created with
// O_EXCL. A lock left by a process that died is taken over.
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Failure } from '../failure';

const queues = new Map<string, Promise<unknown>>();
const waitMs = 5_000;
/** A lock older than this is from a writer that hung or died without cleaning up (writes take milliseconds). */
const staleMs = 30_000;

export function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(file) ?? Promise.resolve()).then(async () => {
    const lock = `${file}.lock`;
    await acquire(lock);
    try {
      return await work();
    } finally {
      await rm(lock, { force: true });
    }
  });
  queues.set(file, next.catch(() => undefined));
  return next;
}

async function acquire(lock: string): Promise<void> {
  await mkdir(path.dirname(lock), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fh = await open(lock, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await isStale(lock)) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Failure('state-busy', `Another Finch Logins process is holding ${path.basename(lock, '.lock')}.`, `Try again in a moment; if it persists, delete ${lock}.`);
    }
    await new Promise((r) => setTimeout(r, 15 + Math.random() * 20));
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    const [text, st] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    if (Date.now() - st.mtimeMs > staleMs) return true;
    const pid = Number(text);
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - st.mtimeMs > 1_000; // still being written, or junk
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false; // gone already: the next attempt will take it
  }
}
