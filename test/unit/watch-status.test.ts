// The status watcher: a burst of file changes gives one re-read ~250 ms later; only new snapshots are reported;
// the credential store is re-listed on a slow poll, and only while the window is visible.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../main/core/watch/debounce';
import type { WatchFs } from '../../main/core/watch/dir-watcher';
import { startStatusWatcher } from '../../main/core/watch/status-watcher';
import { currentEnv } from '../../main/core/env';
import type { Status } from '../../shared/types';
import { makeSandbox } from '../support/sandbox-home';

afterEach(() => vi.useRealTimers());

describe('debounce', () => {
  it('calls once, 250 ms after the last call of a burst', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 250);
    d();
    vi.advanceTimersByTime(200);
    d();
    vi.advanceTimersByTime(200);
    d();
    vi.advanceTimersByTime(249);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d();
    d.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

/** Folders that always exist; `change(name)` gives the file new content and reports it, `touch(name)` only reports. */
function fakeWatchFs() {
  const listeners: ((f: string | null) => void)[] = [];
  const versions = new Map<string, number>();
  const fs: WatchFs = {
    watch: (_dir, l) => (listeners.push(l), { close: () => undefined }),
    isDir: () => true,
    fingerprint: (file) => String(versions.get(path.basename(file)) ?? 0),
  };
  const touch = (name: string) => listeners.forEach((l) => l(name));
  /** Finch's in-place rewrite: an event sees the file emptied (O_TRUNC), the next the same bytes as before. */
  const rewriteInPlace = (name: string) => {
    const before = versions.get(name) ?? 0;
    versions.set(name, -1);
    touch(name);
    versions.set(name, before);
    touch(name);
  };
  return { fs, touch, rewriteInPlace, versions, change: (name: string) => (versions.set(name, (versions.get(name) ?? 0) + 1), touch(name)) };
}

const status = (n: number): Status => ({ platform: 'linux', finch: {} as Status['finch'], registries: [], profiles: [], problems: [{ file: 'f', message: String(n) }] });

describe('status watcher (fake timers)', () => {
  it('re-reads once per burst of changes and reports only a changed snapshot', async () => {
    vi.useFakeTimers();
    const { fs, change } = fakeWatchFs();
    let version = 1;
    const read = vi.fn(async () => status(version));
    const seen: Status[] = [];
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'linux' }), { onStatus: (s) => seen.push(s), read, fs });
    await w.refreshNow();
    expect(seen).toHaveLength(1);
    change('config.json');
    change('config.json');
    change('finch.yaml');
    await vi.advanceTimersByTimeAsync(250);
    expect(read).toHaveBeenCalledTimes(2);
    expect(seen).toHaveLength(1); // same snapshot: not reported again
    version = 2;
    change('config');
    await vi.advanceTimersByTimeAsync(250);
    expect(seen.map((s) => s.problems[0]!.message)).toEqual(['1', '2']);
    expect(w.latest()).toEqual(status(2));
    w.stop();
  });

  it('a rewrite with the same content (Finch rewrites finch.yaml on every command) starts no read', async () => {
    vi.useFakeTimers();
    const { fs, change, touch } = fakeWatchFs();
    const read = vi.fn(async () => status(1));
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'darwin' }), { onStatus: () => undefined, read, fs });
    await w.refreshNow();
    touch('finch.yaml');
    touch('config.json');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(1);
    change('finch.yaml');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(2);
    touch('finch.yaml');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(2);
    w.stop();
  });

  it('an in-place rewrite seen half-way (the file empty for a moment) starts no read once it has the same bytes', async () => {
    vi.useFakeTimers();
    const { fs, rewriteInPlace, change } = fakeWatchFs();
    const read = vi.fn(async () => status(1));
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'darwin' }), { onStatus: () => undefined, read, fs });
    await w.refreshNow();
    rewriteInPlace('finch.yaml');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(1);
    // A real change in the same burst still gives its one read.
    rewriteInPlace('finch.yaml');
    change('config.json');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read).toHaveBeenCalledTimes(2);
    w.stop();
  });

  it('a burst that ends while our read runs is judged after the read (its finch may be mid-rewrite of finch.yaml)', async () => {
    vi.useFakeTimers();
    const { fs, touch, versions } = fakeWatchFs();
    let reads = 0;
    // Each read runs `finch vm status`, which empties finch.yaml (O_TRUNC) and writes the same bytes back 900 ms later.
    const read = vi.fn(
      () =>
        new Promise<Status>((resolve) => {
          reads++;
          versions.set('finch.yaml', -1);
          touch('finch.yaml');
          setTimeout(() => versions.set('finch.yaml', 0), 900);
          setTimeout(() => resolve(status(1)), 1_000);
        }),
    );
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'darwin' }), { onStatus: () => undefined, read, fs });
    const first = w.refreshNow();
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toBe(1);
    w.stop();
  });

  it('polls the store every 30 s only while the window is visible', async () => {
    vi.useFakeTimers();
    const { fs } = fakeWatchFs();
    const read = vi.fn(async () => status(1));
    let visible = false;
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'linux' }), { onStatus: () => undefined, read, fs, shouldPoll: () => visible });
    await vi.advanceTimersByTimeAsync(90_000);
    expect(read).not.toHaveBeenCalled();
    visible = true;
    await vi.advanceTimersByTimeAsync(30_000 + 250);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(read).toHaveBeenCalledTimes(1);
    w.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('coalesces changes during a slow read into exactly one more read', async () => {
    vi.useFakeTimers();
    const { fs } = fakeWatchFs();
    let n = 0;
    const read = vi.fn(() => new Promise<Status>((r) => setTimeout(() => r(status(++n)), 1_000)));
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'linux' }), { onStatus: () => undefined, read, fs });
    const first = w.refreshNow();
    void w.refreshNow();
    void w.refreshNow();
    await vi.advanceTimersByTimeAsync(2_000);
    await first;
    expect(read).toHaveBeenCalledTimes(2);
    w.stop();
  });

  it('reports a failed read and carries on', async () => {
    const { fs } = fakeWatchFs();
    const errors: unknown[] = [];
    const w = startStatusWatcher(currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'linux' }), {
      onStatus: () => undefined,
      onError: (e) => errors.push(e),
      read: () => Promise.reject(new Error('EACCES')),
      fs,
    });
    expect(await w.refreshNow()).toBeNull();
    expect(errors).toHaveLength(1);
    w.stop();
  });
});

describe('status watcher (real files)', () => {
  // Real files and the OS's own change events, so real time: how soon a change is read is the debounce's (tested
  // above with fake timers); here the generous wait only keeps a busy machine from failing the test.
  it('sees config.json edited on disk, and a new AWS folder, through the real snapshot', async () => {
    const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/config.json': { auths: { 'ghcr.io': {} } } } });
    const seen: string[][] = [];
    const w = startStatusWatcher(currentEnv(sb.vars), { onStatus: (s) => seen.push(s.registries.map((r) => r.host)) });
    try {
      await w.refreshNow();
      expect(seen).toEqual([['ghcr.io']]);
      sb.write('home/.finch/config.json', { auths: { 'ghcr.io': {}, 'quay.io': {} } });
      await vi.waitFor(() => expect(seen.at(-1)).toEqual(['ghcr.io', 'quay.io']), { timeout: 10_000, interval: 20 });
      // The AWS folder does not exist yet: creating it and a profile is seen too.
      mkdirSync(path.join(sb.home, '.aws'));
      writeFileSync(path.join(sb.home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n');
      await vi.waitFor(() => expect(w.latest()!.profiles.map((p) => p.name)).toContain('dev'), { timeout: 10_000, interval: 20 });
    } finally {
      w.stop();
      rmSync(sb.dir, { recursive: true, force: true });
    }
  });
});
