// A fix interrupted midway (its process killed: manifest still "pending", one file written, the other not) is
// rolled back by the next start, fix or undo — not left for "There is no change to undo". Many rounds in separate
// processes: test/stress/fix.mjs.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { listBackups, saveManifest } from '../../main/core/fixes/backups';
import { readState } from '../../main/core/fixes/current-file';
import type { FileEdit } from '../../main/core/fixes/file-edit';
import { osascriptElevator } from '../../main/core/fixes/file-writer';
import { recoverAtStart, undoLastChange } from '../../main/core/fixes/fix-service';
import { commitEdits } from '../../main/core/fixes/transaction';
import { withFinchLock } from '../../main/core/finch/finch-lock';
import { resolvePaths } from '../../main/core/paths';
import { makeSandbox } from '../support/sandbox-home';

async function interrupted(writerPid: number) {
  const sb = makeSandbox({ platform: 'darwin' });
  sb.write('home/.finch/finch.yaml', 'cpus: 2\n');
  sb.write('home/.finch/config.json', '{"auths": {}}\n');
  const [yaml, json] = [sb.file('home/.finch/finch.yaml'), sb.file('home/.finch/config.json')];
  const edit = async (file: string, after: string): Promise<FileEdit> => ({ file, current: await readState(file), after: Buffer.from(after), mode: 0o644, dirMode: 0o755, kind: 'yaml', via: 'direct' });
  const stateDir = sb.vars.FINCH_LOGINS_STATE_DIR!;
  const backup = await commitEdits([await edit(yaml, 'cpus: 4\n'), await edit(json, '{"auths": {}, "credsStore": "osxkeychain"}\n')], { fixId: 'two-files', stateDir, now: new Date(), elevator: osascriptElevator });
  // As a kill between the two files leaves it: finch.yaml new, config.json old, the manifest pending.
  writeFileSync(json, '{"auths": {}}\n');
  backup.manifest.state = 'pending';
  backup.manifest.pid = writerPid;
  await saveManifest(backup);
  return { env: currentEnv(sb.vars), stateDir, yaml, json };
}

describe('an interrupted fix', () => {
  it('is rolled back at the next start, and says so', async () => {
    const { env, stateDir, yaml, json } = await interrupted(2 ** 22 + 12345); // no such process
    expect(await recoverAtStart(env)).toBe(`The fix "two-files" was interrupted before it finished and has been rolled back: ${yaml} put back.`);
    expect(readFileSync(yaml, 'utf8')).toBe('cpus: 2\n');
    expect(readFileSync(json, 'utf8')).toBe('{"auths": {}}\n');
    expect((await listBackups(stateDir))[0]!.manifest.state).toBe('rolled-back');
    expect(await recoverAtStart(env)).toBeNull();
  });

  it('is what undo puts back when nothing rolled it back yet', async () => {
    const { env, yaml } = await interrupted(2 ** 22 + 12345);
    expect((await undoLastChange(env)).message).toMatch(/"two-files" was interrupted .* rolled back/);
    expect(readFileSync(yaml, 'utf8')).toBe('cpus: 2\n');
  });

  it('is rolled back only once no finch command of ours holds finch.yaml: the rollback writes it too', async () => {
    const { env, yaml } = await interrupted(2 ** 22 + 12345);
    let finish!: () => void;
    const finchRunning = new Promise<void>((resolve) => (finish = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const finchCommand = withFinchLock(resolvePaths(env), 'a finch command', 5_000, async () => {
      held();
      await finchRunning;
    });
    await holding;
    const recovery = recoverAtStart(env);
    await new Promise((r) => setTimeout(r, 300));
    expect(readFileSync(yaml, 'utf8')).toBe('cpus: 4\n');
    finish();
    await finchCommand;
    expect(await recovery).toMatch(/"two-files" was interrupted .* rolled back/);
    expect(readFileSync(yaml, 'utf8')).toBe('cpus: 2\n');
  });

  it('is left alone while its writer is still running', async () => {
    const { env, yaml } = await interrupted(process.pid === 1 ? 2 : 1);
    expect(await recoverAtStart(env)).toBeNull();
    expect(readFileSync(yaml, 'utf8')).toBe('cpus: 4\n');
  });
});
