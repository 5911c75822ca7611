// Undo that stops midway (a file cannot be put back): the files already put back are recorded in the manifest at
// once, so undoing again continues where it stopped instead of refusing because they "changed after the fix".
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { listBackups } from '../../main/core/fixes/backups';
import { configEdit, loadConfigForEdit } from '../../main/core/fixes/config-json-edit';
import { readState } from '../../main/core/fixes/current-file';
import type { FileEdit } from '../../main/core/fixes/file-edit';
import type { Elevator } from '../../main/core/fixes/file-writer';
import { commitEdits } from '../../main/core/fixes/transaction';
import { lastChange, undoLast } from '../../main/core/fixes/undo';
import { makeSandbox } from '../support/sandbox-home';

const cfgRel = 'home/.finch/config.json';
const original = '{\n\t"auths": {}\n}\n';

/** Runs the administrator scripts with /bin/sh, as `do shell script` would; every call after the first `works` fails. */
const elevator = (works = Infinity): Elevator => {
  let calls = 0;
  return {
    async run(script) {
      if (++calls > works) throw new Error('the administrator prompt is not available');
      execFileSync('/bin/sh', ['-c', script]);
    },
  };
};

async function applied() {
  const sb = makeSandbox({ platform: 'darwin' });
  sb.write(cfgRel, original, 0o640);
  sb.write('root/usr/local/bin/helper', 'old program', 0o700);
  sb.write('src/helper', 'new program', 0o755);
  const env = currentEnv(sb.vars);
  const stateDir = sb.vars.FINCH_LOGINS_STATE_DIR!;
  const viaPrompt = async (rel: string): Promise<FileEdit> => ({
    file: sb.file(rel), current: await readState(sb.file(rel)), after: Buffer.from('new program'), mode: 0o755, dirMode: 0o755, kind: 'binary', via: 'osascript', source: sb.file('src/helper'),
  });
  const edits = [
    configEdit(await loadConfigForEdit(sb.file(cfgRel)), (d) => void (d.credsStore = 'osxkeychain'))!,
    await viaPrompt('root/usr/local/bin/helper'),
    await viaPrompt('root/usr/local/bin/new-helper'),
  ];
  const backup = await commitEdits(edits, { fixId: 'test-fix', stateDir, now: new Date(), elevator: elevator() });
  const files = { cfg: sb.file(cfgRel), helper: sb.file('root/usr/local/bin/helper'), created: sb.file('root/usr/local/bin/new-helper') };
  const manifest = async () => (await listBackups(stateDir)).find((b) => b.dir === backup.dir)!.manifest;
  return { env, stateDir, backup, files, manifest };
}

describe('undo that stops midway', () => {
  it('records each file put back, says so, and a retry continues where it stopped', async () => {
    const { env, stateDir, backup, files, manifest } = await applied();

    const err = await undoLast(env, elevator(0)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'undo-failed' });
    expect((err as Error).message).toBe(`${files.helper} could not be put back (the administrator prompt is not available). ${files.cfg} was put back already.`);
    expect((err as { hint?: string }).hint).toBe(`The files as they were before the fix are in ${backup.dir}. Undo again once the cause is fixed: it continues where it stopped.`);
    expect(readFileSync(files.cfg, 'utf8')).toBe(original);
    expect(statSync(files.cfg).mode & 0o777).toBe(0o640);
    expect(readFileSync(files.helper, 'utf8')).toBe('new program');
    expect((await manifest()).state).toBe('applied');
    expect((await manifest()).files.map((f) => f.restored ?? false)).toEqual([true, false, false]);

    // Second try: the helper comes back, then the prompt fails again on the created file.
    const again = await undoLast(env, elevator(1)).catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'undo-failed', message: expect.stringMatching(new RegExp(`^${files.created} could not be put back .* ${files.helper} was put back already\\.$`)) });
    expect(readFileSync(files.helper, 'utf8')).toBe('old program');
    expect((await manifest()).files.map((f) => f.restored ?? false)).toEqual([true, true, false]);

    const r = await undoLast(env, elevator());
    expect(r.restored).toEqual([files.created]);
    expect(r.message).toMatch(/^Undid "test-fix" from .*: 1 file put back\.$/);
    expect(() => lstatSync(files.created)).toThrow();
    expect(readFileSync(files.cfg, 'utf8')).toBe(original);
    expect(readFileSync(files.helper, 'utf8')).toBe('old program');
    expect(statSync(files.helper).mode & 0o777).toBe(0o700);
    expect((await manifest()).state).toBe('undone');
    expect(await lastChange(stateDir)).toBeNull();
  });

  it('a retry that puts nothing back says so, and records nothing new', async () => {
    const { env, files, manifest } = await applied();
    await expect(undoLast(env, elevator(0))).rejects.toMatchObject({ kind: 'undo-failed' });
    const retry = await undoLast(env, elevator(0)).catch((e: unknown) => e);
    expect((retry as Error).message).toBe(`${files.helper} could not be put back (the administrator prompt is not available). No file was put back this time.`);
    expect((await manifest()).files.map((f) => f.restored ?? false)).toEqual([true, false, false]);
  });

  it('a file put back whose progress was not recorded (a crash just after) is recognised as already back', async () => {
    const { env, backup, files, manifest } = await applied();
    await undoLast(env, elevator(0)).catch(() => undefined);
    const m = await manifest();
    delete m.files[0]!.restored;
    writeFileSync(path.join(backup.dir, 'manifest.json'), JSON.stringify(m, null, 2));
    const r = await undoLast(env, elevator());
    expect(r.restored).toEqual([files.helper, files.created]);
    expect(readFileSync(files.cfg, 'utf8')).toBe(original);
    expect((await manifest()).state).toBe('undone');
  });

  it('a file changed by hand after a stopped undo is still refused', async () => {
    const { env, files } = await applied();
    await undoLast(env, elevator(0)).catch(() => undefined);
    writeFileSync(files.helper, 'edited by hand');
    await expect(undoLast(env, elevator())).rejects.toMatchObject({ kind: 'changed-since-fix', message: expect.stringContaining(files.helper) });
    expect(readFileSync(files.helper, 'utf8')).toBe('edited by hand');
  });
});
