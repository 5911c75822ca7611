// The write transaction every fix goes through, and undo: backups, atomic writes with the old mode, refusal on a
// concurrent change, all-or-nothing on a failed write, byte-for-byte undo.
import { execFileSync } from 'node:child_process';
import { chownSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { sweepStaleTemps } from '../../main/core/atomic-write';
import { listBackups } from '../../main/core/fixes/backups';
import { configEdit, loadConfigForEdit } from '../../main/core/fixes/config-json-edit';
import { readState } from '../../main/core/fixes/current-file';
import type { FileEdit } from '../../main/core/fixes/file-edit';
import { osascriptElevator, type Elevator } from '../../main/core/fixes/file-writer';
import { commitEdits } from '../../main/core/fixes/transaction';
import { lastChange, undoLast } from '../../main/core/fixes/undo';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';

const cfgRel = 'home/.finch/config.json';
const original = '{\n\t"auths": {\n\t\t"ghcr.io": {}\n\t},\n\t"x-unknown": [1, 2]\n}\n';
const mode = (f: string) => statSync(f).mode & 0o777;

function setup(content = original, fileMode = 0o640) {
  const sb = makeSandbox({ platform: 'darwin' });
  sb.write(cfgRel, content, fileMode);
  const env = currentEnv(sb.vars);
  const stateDir = sb.vars.FINCH_LOGINS_STATE_DIR!;
  const commit = (edits: FileEdit[], fixId = 'test-fix') => commitEdits(edits, { fixId, stateDir, now: new Date(), elevator: osascriptElevator });
  const setStore = async (store: string) => configEdit(await loadConfigForEdit(sb.file(cfgRel)), (d) => void (d.credsStore = store))!;
  return { sb, env, stateDir, commit, setStore };
}
const binaryEdit = async (sb: Sandbox, rel: string, bytes: string, m = 0o755): Promise<FileEdit> => ({
  file: sb.file(rel), current: await readState(sb.file(rel)), after: Buffer.from(bytes), mode: m, dirMode: 0o755, kind: 'binary', via: 'direct',
});

/** Runs the administrator scripts with /bin/sh, as `do shell script` would; every call after the first `works` fails. */
const flakyElevator = (works: number): Elevator => {
  let calls = 0;
  return {
    async run(script) {
      if (++calls > works) throw new Error('the administrator prompt is not available');
      execFileSync('/bin/sh', ['-c', script]);
    },
  };
};

describe('commitEdits', () => {
  it('writes the new bytes with the file\u2019s mode, after backing up the old ones privately', async () => {
    const { sb, stateDir, commit, setStore } = setup();
    const backup = await commit([await setStore('osxkeychain')]);
    const file = sb.file(cfgRel);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ auths: { 'ghcr.io': {} }, 'x-unknown': [1, 2], credsStore: 'osxkeychain' });
    expect(mode(file)).toBe(0o640);
    expect(readFileSync(path.join(backup.dir, '0.bak'), 'utf8')).toBe(original);
    expect(mode(path.join(backup.dir, '0.bak'))).toBe(0o600);
    expect(mode(backup.dir)).toBe(0o700);
    expect((await listBackups(stateDir)).map((b) => [b.manifest.fixId, b.manifest.state])).toEqual([['test-fix', 'applied']]);
    expect(readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('creates a missing file with its folders (0700 for config, as planned)', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    const cfg = await loadConfigForEdit(sb.file(cfgRel));
    await commitEdits([configEdit(cfg, (d) => void (d.credsStore = 'osxkeychain'))!], { fixId: 'f', stateDir: sb.vars.FINCH_LOGINS_STATE_DIR!, now: new Date(), elevator: osascriptElevator });
    expect(mode(sb.file(cfgRel))).toBe(0o600);
    expect(mode(sb.file('home/.finch'))).toBe(0o700);
  });

  it('refuses when a file changed since it was planned: nothing written, nothing backed up', async () => {
    const { sb, stateDir, commit, setStore } = setup();
    const edit = await setStore('osxkeychain');
    writeFileSync(sb.file(cfgRel), '{"auths":{}}');
    const err = await commit([edit]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'changed-since-preview' });
    expect((err as Error).message).toContain(sb.file(cfgRel));
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe('{"auths":{}}');
    expect(await listBackups(stateDir)).toEqual([]);
  });

  it('refuses while another program is saving the file (docker\u2019s temp config.json<digits> beside it); a crashed save\u2019s old temp does not block', async () => {
    const { sb, stateDir, commit, setStore } = setup();
    const temp = sb.file(`${cfgRel}2846120317`);
    writeFileSync(temp, '{"auths":{"half-saved.example.com":{}}}');
    const err = await commit([await setStore('osxkeychain')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'changed-since-preview' });
    expect((err as Error).message).toBe(`Another program is saving ${sb.file(cfgRel)} right now, so nothing was written.`);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    expect(await listBackups(stateDir)).toEqual([]);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(temp, minuteAgo, minuteAgo);
    await commit([await setStore('osxkeychain')]);
    expect(JSON.parse(readFileSync(sb.file(cfgRel), 'utf8')).credsStore).toBe('osxkeychain');
  });

  it('all or nothing: when the second file cannot be written, the first is put back byte for byte', async () => {
    const { sb, stateDir, commit, setStore } = setup();
    sb.write('root/blocker', 'a file where a folder must go');
    const err = await commit([await setStore('osxkeychain'), await binaryEdit(sb, 'root/blocker/docker-credential-x', 'bin')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'write-failed' });
    expect((err as Error).message).toMatch(/config.json was put back as before/);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    expect(mode(sb.file(cfgRel))).toBe(0o640);
    expect((await listBackups(stateDir))[0]!.manifest.state).toBe('rolled-back');
  });

  it('says "Nothing was changed" when the first write fails', async () => {
    const { sb, stateDir, commit, setStore } = setup();
    sb.write('root/blocker', 'a file where a folder must go');
    const err = await commit([await binaryEdit(sb, 'root/blocker/docker-credential-x', 'bin'), await setStore('osxkeychain')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'write-failed' });
    expect((err as Error).message).toMatch(/ Nothing was changed\.$/);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    expect((await listBackups(stateDir))[0]!.manifest.state).toBe('rolled-back');
    expect(await lastChange(stateDir)).toBeNull();
  });

  it('when a written file cannot be put back either, names it, and undo can still put it back', async () => {
    const { sb, env, stateDir, setStore } = setup();
    sb.write('root/usr/local/bin/helper', 'old program', 0o700);
    sb.write('src/helper', 'new program', 0o755);
    sb.write('root/blocker', 'a file where a folder must go');
    const helper = sb.file('root/usr/local/bin/helper');
    const created = sb.file('root/usr/local/bin/new-helper');
    const viaPrompt = async (rel: string): Promise<FileEdit> => ({ ...(await binaryEdit(sb, rel, 'new program')), via: 'osascript', source: sb.file('src/helper') });
    const edits = [
      await setStore('osxkeychain'),
      await viaPrompt('root/usr/local/bin/helper'),
      await viaPrompt('root/usr/local/bin/new-helper'),
      await binaryEdit(sb, 'root/blocker/docker-credential-x', 'bin'),
      await binaryEdit(sb, 'root/usr/local/bin/never-written', 'bin'),
    ];
    // The prompt copies the two programs, then is gone when the rollback needs it.
    const err = await commitEdits(edits, { fixId: 'test-fix', stateDir, now: new Date(), elevator: flakyElevator(2) }).catch((e: unknown) => e);
    const [backup] = await listBackups(stateDir);
    expect(err).toMatchObject({ kind: 'write-failed' });
    const message = (err as Error).message;
    expect(message).toContain(`${sb.file('root/blocker/docker-credential-x')} could not be written (`);
    expect(message).toContain(`${sb.file(cfgRel)} was put back as before.`);
    expect(message).toContain(`${helper} still has the new content; its previous bytes are in ${path.join(backup!.dir, '1.bak')}.`);
    expect(message).toContain(`${created} was created and is still there.`);
    expect(message).not.toMatch(/Nothing was changed/);
    expect((err as { hint?: string }).hint).toMatch(new RegExp(`^Undo puts them back as before .*${backup!.dir}`));
    expect(backup!.manifest.state).toBe('partially-rolled-back');
    expect(backup!.manifest.files.map((f) => f.restored ?? false)).toEqual([true, false, false, true, true]);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    expect(readFileSync(helper, 'utf8')).toBe('new program');

    expect((await lastChange(stateDir))?.dir).toBe(backup!.dir);
    const r = await undoLast(env, flakyElevator(Infinity));
    expect(r.restored).toEqual([helper, created]);
    expect(r.message).toMatch(/2 files put back/);
    expect(readFileSync(helper, 'utf8')).toBe('old program');
    expect(mode(helper)).toBe(0o700);
    expect(() => lstatSync(created)).toThrow();
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    expect((await listBackups(stateDir))[0]!.manifest.state).toBe('undone');
    await expect(undoLast(env)).rejects.toMatchObject({ kind: 'nothing-to-undo' });
  });

  it('edits the file a symlinked config.json points to, and keeps the link', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    sb.write('dotfiles/finch-config.json', original, 0o600);
    sb.write('home/.finch/.keep', '');
    symlinkSync(sb.file('dotfiles/finch-config.json'), sb.file(cfgRel));
    const cfg = await loadConfigForEdit(sb.file(cfgRel));
    await commitEdits([configEdit(cfg, (d) => void (d.credsStore = 'osxkeychain'))!], { fixId: 'f', stateDir: sb.vars.FINCH_LOGINS_STATE_DIR!, now: new Date(), elevator: osascriptElevator });
    expect(lstatSync(sb.file(cfgRel)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(sb.file('dotfiles/finch-config.json'), 'utf8')).credsStore).toBe('osxkeychain');
  });

  it.runIf(process.getuid?.() === 0)('keeps the file\u2019s owner when run as root', async () => {
    const { sb, commit, setStore } = setup();
    chownSync(sb.file(cfgRel), 4321, 4321);
    await commit([await setStore('osxkeychain')]);
    expect(statSync(sb.file(cfgRel))).toMatchObject({ uid: 4321, gid: 4321 });
  });

  it('keeps only the 20 most recent backups (they may hold old passwords)', async () => {
    const { stateDir, commit, setStore } = setup();
    for (let i = 0; i < 22; i++) await commit([await setStore(`store-${i}`)]);
    const left = await listBackups(stateDir);
    expect(left).toHaveLength(20);
    expect(left[0]!.manifest.sequence).toBe(3);
  });

  it('a writer killed mid-write leaves a temp file; the next write of that file sweeps it, not a live writer\u2019s', async () => {
    const { sb, commit, setStore } = setup();
    const dir = sb.file('home/.finch');
    writeFileSync(path.join(dir, '.config.json.999999.deadbeef.tmp'), 'partial');
    writeFileSync(path.join(dir, '.config.json.1.cafebabe.tmp'), 'pid 1 is alive');
    writeFileSync(path.join(dir, '.other.json.999999.deadbeef.tmp'), 'not ours');
    await commit([await setStore('osxkeychain')]);
    expect(readdirSync(dir).sort()).toEqual(['.config.json.1.cafebabe.tmp', '.other.json.999999.deadbeef.tmp', 'config.json']);
    expect(await sweepStaleTemps(dir, 'other.json')).toEqual(['.other.json.999999.deadbeef.tmp']);
  });
});

describe('undo', () => {
  it('puts the last change back byte for byte, with the old mode; removes files the fix created', async () => {
    const { sb, env, commit, setStore } = setup(original, 0o644);
    sb.write('root/usr/local/bin/replaced', 'old program', 0o700);
    await commit([
      await setStore('osxkeychain'),
      await binaryEdit(sb, 'root/usr/local/bin/new-helper', '#!/bin/sh\n'),
      await binaryEdit(sb, 'root/usr/local/bin/replaced', 'new program', 0o755),
    ]);
    expect(mode(sb.file('root/usr/local/bin/replaced'))).toBe(0o755);
    const r = await undoLast(env);
    expect(r.restored).toEqual([sb.file(cfgRel), sb.file('root/usr/local/bin/new-helper'), sb.file('root/usr/local/bin/replaced')]);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    expect(mode(sb.file(cfgRel))).toBe(0o644);
    expect(() => statSync(sb.file('root/usr/local/bin/new-helper'))).toThrow();
    expect(readFileSync(sb.file('root/usr/local/bin/replaced'), 'utf8')).toBe('old program');
    expect(mode(sb.file('root/usr/local/bin/replaced'))).toBe(0o700);
  });

  it('restores a symlink the fix replaced with a copy', async () => {
    const { sb, env, commit } = setup();
    sb.write('root/opt/homebrew/Cellar/helper', '#!/bin/sh\n', 0o755);
    sb.write('root/usr/local/bin/.keep', '');
    symlinkSync('../../opt/homebrew/Cellar/helper', sb.file('root/usr/local/bin/docker-credential-osxkeychain'));
    await commit([await binaryEdit(sb, 'root/usr/local/bin/docker-credential-osxkeychain', 'copy')]);
    expect(lstatSync(sb.file('root/usr/local/bin/docker-credential-osxkeychain')).isFile()).toBe(true);
    await undoLast(env);
    expect(readlinkSync(sb.file('root/usr/local/bin/docker-credential-osxkeychain'))).toBe('../../opt/homebrew/Cellar/helper');
  });

  it('refuses when a file changed after the fix, and leaves everything as it is', async () => {
    const { sb, env, commit, setStore } = setup();
    await commit([await setStore('osxkeychain')]);
    writeFileSync(sb.file(cfgRel), '{"edited":"by hand"}');
    const err = await undoLast(env).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'changed-since-fix' });
    expect((err as Error).message).toContain(sb.file(cfgRel));
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe('{"edited":"by hand"}');
  });

  it('a second undo goes one change further back; then there is nothing left', async () => {
    const { sb, env, commit, setStore } = setup();
    await commit([await setStore('one')], 'first');
    const afterFirst = readFileSync(sb.file(cfgRel), 'utf8');
    await commit([await setStore('two')], 'second');
    expect((await undoLast(env)).message).toMatch(/Undid "second"/);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(afterFirst);
    expect((await undoLast(env)).message).toMatch(/Undid "first"/);
    expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(original);
    await expect(undoLast(env)).rejects.toMatchObject({ kind: 'nothing-to-undo' });
  });
});
