// Undo puts back the files of the last applied fix, byte for byte and with their old mode; files the fix created
// are removed. It refuses when any of them changed after the fix, rather than overwrite that change. Each file put
// back is recorded in the manifest at once, so an undo that stops midway continues where it stopped when retried.
import { isFixId } from '../../../shared/ids';
import type { UndoResult } from '../../../shared/types';
import type { Env } from '../env';
import { Failure } from '../failure';
import { resolvePaths } from '../paths';
import { updateVmRecord } from '../vm/vm-record';
import { fixTitle, allFixes } from './catalog';
import { beforeDigest, listBackups, saveManifest, type Backup, type ManifestEntry } from './backups';
import { readState, resolveForEdit, stateDigest } from './current-file';
import { osascriptElevator, restoreEntry, type Elevator } from './file-writer';

/** The newest fix with files still changed: applied, or rolled back only in part (a file could not be put back). */
export async function lastChange(stateDir: string): Promise<Backup | null> {
  const undoable = (await listBackups(stateDir)).filter((b) => b.manifest.state === 'applied' || b.manifest.state === 'partially-rolled-back');
  return undoable[undoable.length - 1] ?? null;
}

export async function undoLast(env: Env, elevator: Elevator = osascriptElevator): Promise<UndoResult> {
  const paths = resolvePaths(env);
  const last = await lastChange(paths.stateDir);
  if (!last) throw new Failure('nothing-to-undo', 'There is no change to undo.');
  // Files already put back (by an undo that stopped midway, or by the fix's own rollback) are as before: skipped.
  const pending: ManifestEntry[] = [];
  for (const entry of last.manifest.files.filter((f) => !f.restored)) {
    const now = stateDigest(await readState(entry.file));
    if (now === entry.afterDigest) pending.push(entry);
    // Put back, but the manifest could not record it before the undo stopped.
    else if (now === (await beforeDigest(last, entry))) continue;
    else {
      throw new Failure(
        'changed-since-fix',
        `${entry.file} changed after the fix "${fixTitle(last.manifest.fixId)}" wrote it, so undo would lose that change. Nothing was restored.`,
        `The file as it was before the fix is in ${last.dir}; copy what you need from there by hand.`,
      );
    }
  }
  const restored: string[] = [];
  const yamlTouched = async () => env.platform !== 'linux' && restored.includes(await resolveForEdit(paths.finchYaml));
  for (const entry of pending) {
    try {
      await restoreEntry(last, entry, elevator);
      restored.push(entry.file);
      entry.restored = true;
      await saveManifest(last);
    } catch (err) {
      // The VM must still learn about a finch.yaml that was put back before the failure.
      if (await yamlTouched()) await updateVmRecord(paths.stateDir, (r) => void (r.yamlChangedAt = env.now().toISOString())).catch(() => undefined);
      const why = err instanceof Error ? err.message : String(err);
      throw new Failure(
        'undo-failed',
        (restored.includes(entry.file) ? `Undo of "${fixTitle(last.manifest.fixId)}" could not record its progress (${why}).` : `${entry.file} could not be put back (${why}).`) +
          (restored.length ? ` ${restored.join(' and ')} ${restored.length === 1 ? 'was' : 'were'} put back already.` : ' No file was put back this time.'),
        `The files as they were before the fix are in ${last.dir}. Undo again once the cause is fixed: it continues where it stopped.`,
      );
    }
  }
  last.manifest.state = 'undone';
  last.manifest.undoneAt = env.now().toISOString();
  await saveManifest(last);
  const yamlChanged = await yamlTouched();
  if (yamlChanged) await updateVmRecord(paths.stateDir, (r) => void (r.yamlChangedAt = env.now().toISOString()));
  const leftAsIs = await whatStays(last.manifest.fixId, env);
  return {
    restored,
    ...(leftAsIs ? { leftAsIs } : {}),
    message:
      `Undid "${fixTitle(last.manifest.fixId)}" from ${new Date(last.manifest.createdAt).toLocaleString()}: ${restored.length} file${restored.length === 1 ? '' : 's'} put back.` +
      (yamlChanged ? ' finch.yaml changed, so restart the VM for Finch to use it.' : ''),
  };
}

/** The fix's own account of what Undo leaves behind; a failure to say it must not turn a done undo into a failed one. */
async function whatStays(fixId: string, env: Env): Promise<string | null> {
  const leaves = isFixId(fixId) ? allFixes[fixId].undoLeaves : undefined;
  if (!leaves) return null;
  return leaves({ env, paths: resolvePaths(env) }).catch(() => 'Undo put back files only; what the fix did outside them (such as storing passwords) was left as it is.');
}
