// Undo puts back the files of the last applied fix, byte for byte and with their old mode; files the fix created
// are removed. It refuses when any of them changed after the fix, rather than overwrite that change.
import type { UndoResult } from '../../../shared/types';
import type { Env } from '../env';
import { Failure } from '../failure';
import { resolvePaths } from '../paths';
import { updateVmRecord } from '../vm/vm-record';
import { listBackups, saveManifest, type Backup } from './backups';
import { readState, resolveForEdit, stateDigest } from './current-file';
import { osascriptElevator, restoreEntry, type Elevator } from './file-writer';

export async function lastChange(stateDir: string): Promise<Backup | null> {
  const applied = (await listBackups(stateDir)).filter((b) => b.manifest.state === 'applied');
  return applied[applied.length - 1] ?? null;
}

export async function undoLast(env: Env, elevator: Elevator = osascriptElevator): Promise<UndoResult> {
  const paths = resolvePaths(env);
  const last = await lastChange(paths.stateDir);
  if (!last) throw new Failure('nothing-to-undo', 'There is no change to undo.');
  for (const entry of last.manifest.files) {
    if (stateDigest(await readState(entry.file)) !== entry.afterDigest) {
      throw new Failure(
        'changed-since-fix',
        `${entry.file} changed after the fix "${last.manifest.fixId}" wrote it, so undo would lose that change. Nothing was restored.`,
        `The file as it was before the fix is in ${last.dir}; copy what you need from there by hand.`,
      );
    }
  }
  const restored: string[] = [];
  for (const entry of last.manifest.files) {
    await restoreEntry(last, entry, elevator);
    restored.push(entry.file);
  }
  last.manifest.state = 'undone';
  last.manifest.undoneAt = env.now().toISOString();
  await saveManifest(last);
  const yamlTouched = env.platform !== 'linux' && restored.includes(await resolveForEdit(paths.finchYaml));
  if (yamlTouched) await updateVmRecord(paths.stateDir, (r) => void (r.yamlChangedAt = env.now().toISOString()));
  return {
    restored,
    message:
      `Undid "${last.manifest.fixId}" from ${new Date(last.manifest.createdAt).toLocaleString()}: ${restored.length} file${restored.length === 1 ? '' : 's'} put back.` +
      (yamlTouched ? ' finch.yaml changed, so restart the VM for Finch to use it.' : ''),
  };
}
