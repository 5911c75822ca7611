// Folder watching: the named files in each folder, editors' rename-over saves, folders that appear later or go.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchFiles, type WatchFs } from '../../main/core/watch/dir-watcher';
import { nearestExisting, watchTargets } from '../../main/core/watch/watch-targets';
import { resolvePaths } from '../../main/core/paths';
import { currentEnv } from '../../main/core/env';

describe('watch targets', () => {
  it('watches the folder of every file the status reads, once per folder', () => {
    const env = currentEnv({ HOME: '/home/dana', FINCH_LOGINS_PLATFORM: 'darwin', FINCH_LOGINS_STATE_DIR: '/state' });
    expect(watchTargets(resolvePaths(env))).toEqual([
      { dir: '/home/dana/.finch', names: ['config.json', 'finch.yaml'] },
      { dir: '/home/dana/.aws', names: ['config', 'credentials'] },
      { dir: '/state', names: ['settings.json', 'state.json'] },
    ]);
  });

  it('follows DOCKER_CONFIG and the AWS file variables, and Linux\u2019s system paths', () => {
    const env = currentEnv({ HOME: '/home/dana', FINCH_LOGINS_PLATFORM: 'linux', DOCKER_CONFIG: '/cfg', AWS_CONFIG_FILE: '/aws/cfg', FINCH_LOGINS_STATE_DIR: '/state' });
    expect(watchTargets(resolvePaths(env)).map((t) => t.dir)).toEqual(['/cfg', '/etc/finch', '/aws', '/home/dana/.aws', '/state']);
  });

  it('finds the nearest existing folder to wait in', () => {
    const existing = new Set(['/', '/home', '/home/dana']);
    expect(nearestExisting('/home/dana/.aws/sso', (p) => existing.has(p))).toEqual({ dir: '/home/dana', child: '.aws' });
    expect(nearestExisting('/nothing', () => false)).toBeNull();
  });
});

/** An in-memory file system whose watch callbacks the test fires by hand. */
function fakeFs() {
  const dirs = new Set<string>(['/', '/home']);
  const watches: { dir: string; listener: (f: string | null) => void; onError: () => void; closed: boolean }[] = [];
  const fs: WatchFs = {
    watch(dir, listener, onError) {
      if (!dirs.has(dir)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      const w = { dir, listener, onError, closed: false };
      watches.push(w);
      return { close: () => (w.closed = true) };
    },
    isDir: (p) => dirs.has(p),
    fingerprint: () => null,
  };
  const open = () => watches.filter((w) => !w.closed);
  const fire = (dir: string, name: string | null) => open().filter((w) => w.dir === dir).forEach((w) => w.listener(name));
  return { fs, dirs, open, fire };
}

describe('folder watcher (state changes)', () => {
  it('reports the named files only', () => {
    const f = fakeFs();
    f.dirs.add('/home/.aws');
    const seen: string[] = [];
    watchFiles([{ dir: '/home/.aws', names: ['config', 'credentials'] }], (file) => seen.push(file), f.fs);
    f.fire('/home/.aws', 'config');
    f.fire('/home/.aws', 'config.swp');
    f.fire('/home/.aws', 'credentials');
    f.fire('/home/.aws', null);
    expect(seen).toEqual(['/home/.aws/config', '/home/.aws/credentials', '/home/.aws']);
  });

  it('waits in the nearest existing folder for a missing one, then watches it', () => {
    const f = fakeFs();
    const seen: string[] = [];
    watchFiles([{ dir: '/home/dana/.aws', names: ['config'] }], (file) => seen.push(file), f.fs);
    expect(f.open().map((w) => w.dir)).toEqual(['/home']);
    f.dirs.add('/home/dana');
    f.fire('/home', 'dana');
    expect(f.open().map((w) => w.dir)).toEqual(['/home/dana']);
    f.fire('/home/dana', '.bashrc');
    expect(f.open().map((w) => w.dir)).toEqual(['/home/dana']);
    f.dirs.add('/home/dana/.aws');
    f.fire('/home/dana', '.aws');
    expect(f.open().map((w) => w.dir)).toEqual(['/home/dana/.aws']);
    f.fire('/home/dana/.aws', 'config');
    expect(seen).toEqual(['/home/dana/.aws', '/home/dana/.aws/config']);
  });

  it('goes back to waiting when the folder is removed, or its watch fails', () => {
    const f = fakeFs();
    f.dirs.add('/home/.finch');
    const seen: string[] = [];
    watchFiles([{ dir: '/home/.finch', names: ['config.json'] }], (file) => seen.push(file), f.fs);
    f.dirs.delete('/home/.finch');
    f.fire('/home/.finch', '.finch');
    expect(f.open().map((w) => w.dir)).toEqual(['/home']);
    expect(seen).toEqual(['/home/.finch']);
    f.dirs.add('/home/.finch');
    f.fire('/home', '.finch');
    f.open()[0]!.onError();
    expect(f.open().map((w) => w.dir)).toEqual(['/home/.finch']);
  });

  it('gives up quietly on a folder it may not read, and closes everything', () => {
    const f = fakeFs();
    f.dirs.add('/root');
    const fs: WatchFs = { ...f.fs, watch: (dir, l, e) => (dir === '/root' ? (() => { throw new Error('EACCES'); })() : f.fs.watch(dir, l, e)) };
    f.dirs.add('/home/.aws');
    const w = watchFiles([{ dir: '/root', names: ['config.json'] }, { dir: '/home/.aws', names: ['config'] }], () => undefined, fs);
    expect(f.open().map((x) => x.dir)).toEqual(['/home/.aws']);
    w.close();
    expect(f.open()).toEqual([]);
  });
});

describe('folder watcher (real fs.watch)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees an in-place write, an editor\u2019s rename-over save, and a folder created later', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-watch-'));
    mkdirSync(path.join(dir, '.finch'));
    writeFileSync(path.join(dir, '.finch', 'config.json'), '{}');
    const seen = new Set<string>();
    const w = watchFiles(
      [
        { dir: path.join(dir, '.finch'), names: ['config.json'] },
        { dir: path.join(dir, '.aws'), names: ['config'] },
      ],
      (file) => seen.add(path.relative(dir, file)),
    );
    try {
      writeFileSync(path.join(dir, '.finch', 'config.json'), '{"auths":{}}');
      await vi.waitFor(() => expect(seen).toContain(path.join('.finch', 'config.json')), { timeout: 2_000 });
      seen.clear();
      writeFileSync(path.join(dir, '.finch', 'config.json.tmp'), '{"auths":{"ghcr.io":{}}}');
      renameSync(path.join(dir, '.finch', 'config.json.tmp'), path.join(dir, '.finch', 'config.json'));
      await vi.waitFor(() => expect(seen).toContain(path.join('.finch', 'config.json')), { timeout: 2_000 });
      mkdirSync(path.join(dir, '.aws'));
      await vi.waitFor(() => expect(seen).toContain('.aws'), { timeout: 2_000 });
      writeFileSync(path.join(dir, '.aws', 'config'), '[default]\n');
      await vi.waitFor(() => expect(seen).toContain(path.join('.aws', 'config')), { timeout: 2_000 });
    } finally {
      w.close();
    }
  });
});
