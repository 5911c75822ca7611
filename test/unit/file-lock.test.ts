// The lock's rules inside one process; between processes it is exercised by test/stress/lock.mjs (8 writer
// processes, dead and stuck holders), run by the integration suite and `npm run stress`.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, withFileLock } from '../../main/core/state/file-lock';
import { tempDir } from '../support/sandbox-home';

const tmp = () => tempDir('fl-lock-');

describe('file lock', () => {
  it('two holders in one process never overlap, even without the per-file queue', async () => {
    const dir = path.join(tmp(), 'x.lock');
    const a = await acquireLock(dir);
    let bHeld = false;
    const b = acquireLock(dir).then((h) => ((bHeld = true), h));
    await new Promise((r) => setTimeout(r, 150));
    expect(bHeld).toBe(false);
    await a.release();
    await (await b).release();
    expect(bHeld).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a live holder that stops touching its ticket is overtaken after staleMs, and learns it lost the lock', async () => {
    const dir = path.join(tmp(), 'x.lock');
    mkdirSync(dir);
    // A ticket of a live process (ours: pid 1 may not be signalled) that has not been touched for a minute.
    const stuck = path.join(dir, `t-000000000000-${process.pid}-0badc0de`);
    writeFileSync(stuck, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(stuck, old, old);
    const h = await acquireLock(dir, { staleMs: 500, waitMs: 2_000 });
    expect(readdirSync(dir)).not.toContain(path.basename(stuck));
    expect(await h.stillHeld()).toBe(true);
    await h.release();
    expect(await h.stillHeld()).toBe(false);
  });

  it('gives up with a plain message while a live holder keeps it', async () => {
    const dir = path.join(tmp(), 'state.json.lock');
    const a = await acquireLock(dir);
    await expect(acquireLock(dir, { waitMs: 200 })).rejects.toMatchObject({ kind: 'state-busy', message: expect.stringMatching(/holding state\.json/) });
    await a.release();
  });

  it('sweeps a lock file left by an older version whose process is gone', async () => {
    const d = tmp();
    writeFileSync(path.join(d, 'state.json.lock'), '999999999');
    expect(await withFileLock(path.join(d, 'state.json'), async () => 'ran')).toBe('ran');
    expect(readdirSync(path.join(d, 'state.json.lock'))).toEqual([]);
  });
});
