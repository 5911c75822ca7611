// The two ways a fix's file gets written or put back: directly (atomic write), or through macOS's administrator
// prompt for folders the user cannot write.
import path from 'node:path';
import { Failure } from '../failure';
import { run, timeoutMessage } from '../process/run';
import { removeFile, writeFileAtomic, writeSymlinkAtomic } from '../atomic-write';
import { backupBytes, type Backup, type ManifestEntry } from './backups';
import { copyScript, osascriptArgs, osascriptPath, removeScript, symlinkScript } from './elevation';
import type { FileEdit } from './file-edit';

export interface Elevator {
  run(shellScript: string): Promise<void>;
}

/** The user has as long as they need to type their password. */
const adminPromptTimeoutMs = 300_000;

export const osascriptElevator: Elevator = {
  async run(script) {
    const r = await run(osascriptPath, osascriptArgs(script), { timeoutMs: adminPromptTimeoutMs });
    if (r.code === 0) return;
    if (r.timedOut) throw new Failure('admin-failed', `The administrator prompt was not answered: ${timeoutMessage(r, adminPromptTimeoutMs)}`, 'Nothing was changed; apply the fix again when you can answer the prompt.');
    // -128 is AppleScript's "User canceled."
    if (/-128|cancel/i.test(r.stderr)) throw new Failure('admin-cancelled', 'The administrator prompt was cancelled, so nothing was changed.');
    throw new Failure('admin-failed', `The administrator command failed: ${(r.stderr.trim() || r.spawnError || `exit code ${r.code}`).split('\n')[0]}`, 'Run the command shown in the preview in a terminal with sudo, or try again as an administrator.');
  },
};

/** `unchanged` throws when the file is no longer as planned; it runs as late as possible: right before the rename. */
export async function writeEdit(e: FileEdit, elevator: Elevator, unchanged: () => void = () => undefined): Promise<void> {
  if (e.via === 'osascript') {
    if (!e.source) throw new Error(`no source to copy ${e.file} from`);
    unchanged();
    await elevator.run(copyScript(e.source, e.file, e.mode));
    return;
  }
  const owner = e.current.kind === 'file' ? { uid: e.current.uid, gid: e.current.gid } : undefined;
  await writeFileAtomic(e.file, e.after, { mode: e.mode, dirMode: e.dirMode, ...(owner ? { owner } : {}), beforeRename: unchanged });
}

/** Puts a file back as the backup recorded it: old bytes and mode, old symlink, or no file at all. */
export async function restoreEntry(b: Backup, entry: ManifestEntry, elevator: Elevator): Promise<void> {
  const before = entry.before;
  if (entry.via === 'osascript') {
    if (before.kind === 'absent') await elevator.run(removeScript(entry.file));
    else if (before.kind === 'symlink') await elevator.run(symlinkScript(before.target, entry.file));
    else await elevator.run(copyScript(path.join(b.dir, before.backup), entry.file, before.mode));
    return;
  }
  if (before.kind === 'absent') await removeFile(entry.file);
  else if (before.kind === 'symlink') await writeSymlinkAtomic(entry.file, before.target);
  else {
    await writeFileAtomic(entry.file, await backupBytes(b, entry), { mode: before.mode, dirMode: 0o700, owner: { uid: before.uid, gid: before.gid } });
  }
}
