// Every fix writes through here: check each file is still as planned, back it up, write it atomically, and record
// the change for undo. If a write fails, the files already written are put back, so a fix is all or nothing; a file
// that cannot be put back either is named, and stays in the manifest for undo (state partially-rolled-back).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Failure } from '../failure';
import { createBackup, pruneBackups, saveManifest, type Backup, type ManifestEntry } from './backups';
import { readStateSync, sameContent } from './current-file';
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

/** A file a failed fix left changed because putting it back failed too, and where its old state is. */
function stillChanged(b: Backup, entry: ManifestEntry): string {
  const before = entry.before;
  if (before.kind === 'absent') return `${entry.file} was created and is still there`;
  if (before.kind === 'symlink') return `${entry.file} still has the new content; it was a link to ${before.target}`;
  return `${entry.file} still has the new content; its previous bytes are in ${path.join(b.dir, before.backup)}`;
}

/**
 * A save of this file under way in another program: docker/cli's configfile.Save (which `finch login` and Finch use)
 * writes `os.CreateTemp(dir, "config.json")` — the name plus decimal digits (Go's os/tempfile.go) — then renames it
 * over the file, taking no lock. A temp that old is a crashed save, not one in progress.
 */
function saveInProgress(file: string): boolean {
  const base = path.basename(file);
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  return names.some((n) => {
    if (!n.startsWith(base) || !/^\d+$/.test(n.slice(base.length))) return false;
    try {
      return Date.now() - statSync(path.join(dir, n)).mtimeMs < inProgressMs;
    } catch {
      return false; // renamed meanwhile: caught by the content check that follows
    }
  });
}
const inProgressMs = 10_000;

/**
 * Throws when `e.file` is no longer what the fix was planned on: another program (or Finch itself) wrote it, or is
 * writing it now. Synchronous and followed at once by a synchronous rename (atomic-write.ts): another program's save
 * can still slip in only if it starts and ends within these few system calls — docker's writer takes no lock, and
 * plain rename cannot compare-and-swap. Our own logins cannot: they hold the config lock, as the fix does.
 */
function stillAsPlanned(e: FileEdit): void {
  if (saveInProgress(e.file)) {
    throw new Failure('changed-since-preview', `Another program is saving ${e.file} right now, so nothing was written.`, 'Apply the fix again in a moment: its preview will show the file as that program left it.');
  }
  if (!sameContent(readStateSync(e.file), e.current)) throw changedFailure(e.file, 'while the fix was being applied');
}

export async function commitEdits(edits: readonly FileEdit[], opts: CommitOptions): Promise<Backup> {
  // Checked here so that nothing is backed up for a fix that cannot go ahead — and again right before each rename
  // (writeEdit): the backup's fsyncs take long enough for a `finch login` to write config.json in between.
  for (const e of edits) stillAsPlanned(e);
  const backup = await createBackup(opts.stateDir, opts.fixId, opts.now, edits);
  const written: number[] = [];
  for (const [i, e] of edits.entries()) {
    try {
      await writeEdit(e, opts.elevator, () => stillAsPlanned(e));
      written.push(i);
    } catch (err) {
      const putBack: string[] = [];
      const leftChanged: ManifestEntry[] = [];
      for (const j of [...written].reverse()) {
        const entry = backup.manifest.files[j]!;
        try {
          await restoreEntry(backup, entry, opts.elevator);
          entry.restored = true;
          putBack.unshift(entry.file);
        } catch {
          // Still changed: the message names it, and the manifest lets undo put it back later.
          leftChanged.unshift(entry);
        }
      }
      // The failed file and those after it were not written (each write is atomic).
      for (const entry of backup.manifest.files.slice(i)) entry.restored = true;
      backup.manifest.state = leftChanged.length ? 'partially-rolled-back' : 'rolled-back';
      await saveManifest(backup);
      if (err instanceof Failure && written.length === 0) throw err;
      const why = err instanceof Error ? err.message : String(err);
      const changed = err instanceof Failure && err.kind === 'changed-since-preview';
      throw new Failure(
        changed ? 'changed-since-preview' : 'write-failed',
        [
          changed ? `${e.file} changed while the fix was being applied (another program wrote it), so it was not written.` : `${e.file} could not be written (${why}).`,
          putBack.length ? `${putBack.join(' and ')} ${putBack.length === 1 ? 'was' : 'were'} put back as before.` : '',
          ...leftChanged.map((entry) => `${stillChanged(backup, entry)}.`),
          putBack.length || leftChanged.length ? '' : 'Nothing was changed.',
        ]
          .filter(Boolean)
          .join(' '),
        leftChanged.length
          ? `Undo puts ${leftChanged.length === 1 ? 'it' : 'them'} back as before (finch-logins undo, or Undo in the window). The old files are also kept in ${backup.dir}.`
          : `The old files are also kept in ${backup.dir}.`,
      );
    }
  }
  backup.manifest.state = 'applied';
  await saveManifest(backup);
  await pruneBackups(opts.stateDir);
  return backup;
}
