// Keeps the status current for the window and the tray: a change to any file the snapshot reads triggers one
// debounced re-read (~250 ms after the burst ends, so well within a second), and only a snapshot that differs
// from the last one is reported. Electron-free: main/app and the e2e harness both run it.
//
// The credential store (osxkeychain, secretservice, wincred) has no change notification we can subscribe to
// cheaply. Logins through `finch login` also write config.json (an empty `auths` entry), which the folder watch
// sees; what it cannot see (an entry erased in Keychain Access) is caught by re-listing the store at most every
// 30 s, and only while someone is looking (`shouldPoll`: the window is visible). Files are never polled.
//
// Every finch command, `vm status` included, rewrites finch.yaml (Finch's config.Load writes the file back on every
// run, runfinch/finch pkg/config/config.go), and each read runs `finch vm status`: the read itself makes a change
// event. So a change counts only when the file's content differs from what it was when the last read started;
// Finch's rewrite of unchanged settings is the same bytes and starts nothing (Finch's first rewrite of a hand-written
// file — comments dropped, defaults added — is a real change and gives one more read). The content is compared when
// the burst is over (the debounce fires), not at each event: Finch writes finch.yaml in place (O_TRUNC, then the
// bytes), so an event can see the file empty for a moment — different, though the finished file is the same.
import path from 'node:path';
import type { Status } from '../../../shared/types';
import type { Env } from '../env';
import { resolvePaths } from '../paths';
import { readStatus } from '../status';
import { debounce } from './debounce';
import { nodeWatchFs, watchFiles, type WatchFs } from './dir-watcher';
import { watchTargets } from './watch-targets';

export const defaultDebounceMs = 250;
export const defaultStorePollMs = 30_000;

export interface StatusWatcherOptions {
  onStatus(status: Status): void;
  onError?(error: unknown): void;
  debounceMs?: number;
  storePollMs?: number;
  /** Re-list the credential store on the slow poll only while this is true (the window is visible). */
  shouldPoll?: () => boolean;
  /** Stand-ins for tests. */
  read?: (env: Env) => Promise<Status>;
  fs?: WatchFs;
}

export interface StatusWatcher {
  /** Asks for a re-read (debounced), e.g. after the tray logged in. */
  refresh(): void;
  /** Re-reads now and resolves with the snapshot (reported if it changed). */
  refreshNow(): Promise<Status | null>;
  latest(): Status | null;
  stop(): void;
}

export function startStatusWatcher(env: Env, opts: StatusWatcherOptions): StatusWatcher {
  const read = opts.read ?? readStatus;
  let latest: Status | null = null;
  let lastJson = '';
  let running: Promise<Status | null> | null = null;
  let again = false;
  let stopped = false;
  const fs = opts.fs ?? nodeWatchFs;
  const targets = watchTargets(resolvePaths(env));
  const watched = targets.flatMap((t) => t.names.map((n) => path.join(t.dir, n)));
  /** Each watched file's fingerprint when the last read started: what that read saw, or something newer. */
  const atLastRead = new Map<string, string | null>();

  const readOnce = async (): Promise<Status | null> => {
    for (const file of watched) atLastRead.set(file, fs.fingerprint(file));
    try {
      const status = await read(env);
      const json = JSON.stringify(status);
      latest = status;
      if (json !== lastJson && !stopped) {
        lastJson = json;
        opts.onStatus(status);
      }
      return status;
    } catch (e) {
      opts.onError?.(e);
      return null;
    }
  };

  /** Files with an event since the last check; read again only if one of them now differs from the last read. */
  const touched = new Set<string>();
  /** A burst ended while a read was running (and its finch may be half-way through rewriting finch.yaml). */
  let recheck = false;
  const differsFromLastRead = (file: string) => !atLastRead.has(file) || fs.fingerprint(file) !== atLastRead.get(file);
  const changedSinceLastRead = () => {
    const files = [...touched];
    touched.clear();
    return files.some(differsFromLastRead);
  };
  const moreToRead = () => {
    if (again) {
      again = false;
      return true;
    }
    if (!recheck) return false;
    recheck = false;
    return changedSinceLastRead();
  };

  // One read at a time; changes that arrive during a read cause exactly one more read after it.
  const refreshNow = (): Promise<Status | null> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result = await readOnce();
      while (!stopped && moreToRead()) result = await readOnce();
      running = null;
      return result;
    })();
    return running;
  };

  const refresh = debounce(() => void refreshNow(), opts.debounceMs ?? defaultDebounceMs);
  // Compared only once no read of ours is running: the read's own `finch vm status` rewrites finch.yaml in place.
  const refreshIfChanged = debounce(() => {
    if (running) recheck = true;
    else if (changedSinceLastRead()) void refreshNow();
  }, opts.debounceMs ?? defaultDebounceMs);
  const onChange = (file: string) => {
    touched.add(file);
    refreshIfChanged();
  };
  const watcher = watchFiles(targets, onChange, fs);
  const poll = setInterval(() => {
    if (opts.shouldPoll?.()) refresh();
  }, opts.storePollMs ?? defaultStorePollMs);
  (poll as { unref?: () => void }).unref?.();

  return {
    refresh,
    refreshNow,
    latest: () => latest,
    stop() {
      stopped = true;
      refresh.cancel();
      refreshIfChanged.cancel();
      clearInterval(poll);
      watcher.close();
    },
  };
}
