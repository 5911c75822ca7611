// Writing a file so that a crash, a kill or a full disk leaves the old bytes or the new ones, never a mix:
// a temp file in the same folder (same file system, so rename is atomic), fsync, rename over, fsync the folder.
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { processExists } from './process/alive';

export interface AtomicWriteOptions {
  mode: number;
  /** Mode for folders that have to be created first. */
  dirMode: number;
  /** Owner to keep (only root can give a file away; others keep their own). */
  owner?: { uid: number; gid: number };
  /**
   * Called when the new bytes are safely on disk, right before they replace the file: throwing aborts the write
   * (the temp file is removed). A fix re-checks here that nobody changed the file since it was read. Synchronous,
   * and followed by a synchronous rename, so that nothing else runs between the check and the rename.
   */
  beforeRename?: () => void;
}

const tempPattern = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(file: string, data: Uint8Array, opts: AtomicWriteOptions): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: opts.dirMode });
  await sweepStaleTemps(dir, path.basename(file));
  const tmp = tempName(file);
  const fh = await open(tmp, 'wx', opts.mode);
  try {
    try {
      await fh.writeFile(data);
      // The umask may have dropped bits from open()'s mode; the file must end up with exactly the old one.
      await fh.chmod(opts.mode);
      if (opts.owner && process.getuid?.() === 0) await fh.chown(opts.owner.uid, opts.owner.gid);
      await fh.sync();
    } finally {
      await fh.close();
    }
    opts.beforeRename?.();
    renameSync(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** Replaces `file` with a symlink, atomically (undo restores a helper that was a symlink). */
export async function writeSymlinkAtomic(file: string, target: string): Promise<void> {
  const tmp = tempName(file);
  await symlink(target, tmp);
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(path.dirname(file));
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
  await syncDir(path.dirname(file));
}

/** So the rename itself survives a power cut. Not every platform can open a folder (Windows cannot): best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // best effort
  }
}

/** Removes temp files that writers of `base` left behind when they were killed mid-write. */
export async function sweepStaleTemps(dir: string, base: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = tempPattern.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (processExists(pid)) continue;
    await rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
