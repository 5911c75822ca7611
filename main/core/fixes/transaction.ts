// Every fix writes through here: check each file is still as planned, back it up, write it atomically, and record
// the change for undo. If a write fails, the files already written are put back, so a fix is all or nothing.
import { Failure } from '../failure';
import { createBackup, pruneBackups, saveManifest, type Backup } from './backups';
import { readState, sameContent } from './current-file';
import type { FileEdit } from './file-edit';
import { restoreEntry, writeEdit, type Elevator } from './file-writer';

export interface CommitOptions {
  fixId: string;
  stateDir: string;
  now: Date;
  elevator: Elevator;
}

export function changedFailure(file: string, since: string): Failure {
  return new Failure('changed-since-preview', `${file} changed ${since}, so nothing was written.`, 'Look at the fix again: its preview now shows the current file.');
}

export async function commitEdits(edits: readonly FileEdit[], opts: CommitOptions): Promise<Backup> {
  // Re-read right before writing: another program (or Finch itself) may have written since the plan was made.
  for (const e of edits) {
    if (!sameContent(await readState(e.file), e.current)) throw changedFailure(e.file, 'while the fix was being applied');
  }
  const backup = await createBackup(opts.stateDir, opts.fixId, opts.now, edits);
  const written: number[] = [];
  for (const [i, e] of edits.entries()) {
    try {
      await writeEdit(e, opts.elevator);
      written.push(i);
    } catch (err) {
      const putBack: string[] = [];
      for (const j of written.reverse()) {
        try {
          await restoreEntry(backup, backup.manifest.files[j]!, opts.elevator);
          putBack.push(edits[j]!.file);
        } catch {
          // Still in the backup folder; the message says where.
        }
      }
      backup.manifest.state = 'rolled-back';
      await saveManifest(backup);
      if (err instanceof Failure && written.length === 0) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new Failure(
        'write-failed',
        `${e.file} could not be written (${why}).${putBack.length ? ` ${putBack.join(' and ')} ${putBack.length === 1 ? 'was' : 'were'} put back as before.` : ' Nothing was changed.'}`,
        `The old files are also kept in ${backup.dir}.`,
      );
    }
  }
  backup.manifest.state = 'applied';
  await saveManifest(backup);
  await pruneBackups(opts.stateDir);
  return backup;
}
