// A fix interrupted midway — the app or the CLI killed, the machine off — leaves its manifest `pending` and maybe
// one of its files written and the other not (finch.yaml new, config.json old). That is rolled back the next time
// the app starts or a fix or undo runs: every file the fix wrote is put back from its backup, temp files its writer
// left are removed, and the manifest says what happened. A file that changed again since (neither what the fix
// wrote nor what it found) is left alone and stays undoable.
import path from 'node:path';
import { sweepStaleTemps } from '../atomic-write';
import { withFileLock } from '../state/file-lock';
import { processExists } from '../process/alive';
import { fixTitle } from './catalog';
import { beforeDigest, listBackups, saveManifest, type Backup } from './backups';
import { readState, stateDigest } from './current-file';
import { restoreEntry, type Elevator } from './file-writer';

/** A pending fix whose writer is still running is not interrupted: it is being applied. */
function writerGone(b: Backup): boolean {
  return b.manifest.pid === undefined || !processExists(b.manifest.pid);
}

export interface Recovered {
  fixId: string;
  /** Files put back as they were before the fix. */
  restored: string[];
  /** Files changed again since the fix wrote them: left as they are, and undoable. */
  leftChanged: string[];
}

/** Whether a fix was interrupted (pending, its writer gone): cheap, so the locks are taken only when one was. */
export async function anyInterruptedFix(stateDir: string): Promise<boolean> {
  return (await listBackups(stateDir)).some((b) => b.manifest.state === 'pending' && writerGone(b));
}

/**
 * Rolls back every interrupted fix. Privileged files (written through the administrator prompt) are not put back
 * without asking: they stay changed and undo offers them.
 */
export async function recoverInterruptedFixes(stateDir: string, elevator: Elevator): Promise<Recovered[]> {
  const recovered: Recovered[] = [];
  for (const found of await listBackups(stateDir)) {
    if (found.manifest.state !== 'pending' || !writerGone(found)) continue;
    // Two processes starting at once must not both roll back one fix.
    const manifestFile = path.join(found.dir, 'manifest.json');
    const r = await withFileLock(manifestFile, async () => {
      const b = (await listBackups(stateDir)).find((x) => x.dir === found.dir);
      if (!b || b.manifest.state !== 'pending') return null;
      const result: Recovered = { fixId: b.manifest.fixId, restored: [], leftChanged: [] };
      for (const entry of [...b.manifest.files].reverse()) {
        await sweepStaleTemps(path.dirname(entry.file), path.basename(entry.file));
        if (entry.restored) continue;
        const now = stateDigest(await readState(entry.file));
        if (now === (await beforeDigest(b, entry))) {
          entry.restored = true; // never written, or already put back
        } else if (now === entry.afterDigest && entry.via === 'direct') {
          await restoreEntry(b, entry, elevator);
          entry.restored = true;
          result.restored.unshift(entry.file);
        } else {
          result.leftChanged.unshift(entry.file);
        }
      }
      b.manifest.state = result.leftChanged.length ? 'partially-rolled-back' : 'rolled-back';
      await saveManifest(b);
      return result;
    });
    if (r) recovered.push(r);
  }
  return recovered;
}

/** "An interrupted fix … was rolled back: … put back." — for the undo result and the log. */
export function describeRecovery(r: Recovered[]): string {
  return r
    .map(
      (x) =>
        `The fix "${fixTitle(x.fixId)}" was interrupted before it finished and has been rolled back` +
        (x.restored.length ? `: ${x.restored.join(' and ')} put back.` : '.') +
        (x.leftChanged.length ? ` ${x.leftChanged.join(' and ')} changed again since and ${x.leftChanged.length === 1 ? 'was' : 'were'} left as ${x.leftChanged.length === 1 ? 'it is' : 'they are'}; Undo can still put ${x.leftChanged.length === 1 ? 'it' : 'them'} back.` : ''),
    )
    .join(' ');
}
