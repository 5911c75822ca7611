// Watches folders for changes to the named files: one fs.watch per folder (inotify, FSEvents, ReadDirectoryChangesW),
// so nothing is polled. A folder that does not exist yet (no ~/.aws before `aws configure`) is waited for by watching
// its nearest existing ancestor; a folder that disappears goes back to that state.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { nearestExisting, type WatchTarget } from './watch-targets';

export interface Closeable {
  close(): void;
}

/** The two fs calls the watcher needs, injectable so every state change is testable without timing games. */
export interface WatchFs {
  watch(dir: string, listener: (filename: string | null) => void, onError: () => void): Closeable;
  isDir(p: string): boolean;
  /** What a file holds, as a digest (never the bytes: config.json may hold passwords); null when it is missing. */
  fingerprint(file: string): string | null;
}

export const nodeWatchFs: WatchFs = {
  watch(dir, listener, onError) {
    // persistent: false — a watch must never keep the CLI or a test process alive.
    const w = watch(dir, { persistent: false }, (_event, filename) => listener(filename === null ? null : String(filename)));
    w.on('error', onError);
    return w;
  },
  isDir(p) {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  fingerprint(file) {
    try {
      return createHash('sha256').update(readFileSync(file)).digest('hex');
    } catch (e) {
      // Missing, or not ours to read (root's ~/.docker): either way nothing new can be read from it.
      return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : `unreadable:${(e as NodeJS.ErrnoException).code}`;
    }
  },
};

/** Calls onChange(file) for every change seen to a watched file (or the folder, when it appears or goes). */
export function watchFiles(targets: WatchTarget[], onChange: (file: string) => void, fs: WatchFs = nodeWatchFs): Closeable {
  const watches = targets.map((t) => new FolderWatch(t, onChange, fs));
  for (const w of watches) w.arm();
  return { close: () => watches.forEach((w) => w.close()) };
}

class FolderWatch {
  private current: Closeable | null = null;
  private closed = false;

  constructor(
    private readonly target: WatchTarget,
    private readonly onChange: (file: string) => void,
    private readonly fs: WatchFs,
  ) {}

  arm(): void {
    this.stop();
    if (this.closed) return;
    const { dir, names } = this.target;
    if (this.fs.isDir(dir)) {
      this.current = this.tryWatch(dir, (filename) => {
        // No name (some platforms, overflow): anything may have changed.
        if (filename === null || names.includes(filename)) this.onChange(filename === null ? dir : path.join(dir, filename));
        if (!this.fs.isDir(dir)) this.lost();
      });
      // Unless it vanished between the check and the watch: then wait for it like for any missing folder.
      if (this.current || this.fs.isDir(dir)) return;
    }
    const waitAt = nearestExisting(dir, (p) => this.fs.isDir(p));
    if (!waitAt) return;
    this.current = this.tryWatch(waitAt.dir, (filename) => {
      if ((filename === null || filename === waitAt.child) && this.fs.isDir(path.join(waitAt.dir, waitAt.child))) this.appeared();
    });
    // It may have been created between the check and the watch.
    if (this.current && this.fs.isDir(path.join(waitAt.dir, waitAt.child))) this.appeared();
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private appeared(): void {
    this.arm();
    // The folder can arrive with its files already in it (mkdir -p and a move): report it once.
    if (this.fs.isDir(this.target.dir)) this.onChange(this.target.dir);
  }

  private lost(): void {
    this.arm();
    this.onChange(this.target.dir);
  }

  private tryWatch(dir: string, listener: (filename: string | null) => void): Closeable | null {
    try {
      return this.fs.watch(dir, listener, () => this.lost());
    } catch {
      // Gone in between, or not ours to read (root's ~/.docker when we are not root): the snapshot reports
      // what it cannot read; without a watch, that part refreshes on the next other change or Refresh.
      return null;
    }
  }

  private stop(): void {
    const c = this.current;
    this.current = null;
    try {
      c?.close();
    } catch {
      // already closed
    }
  }
}
