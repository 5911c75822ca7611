// Backups of every file a fix changes, in the app's state folder: backups/<time>/ holds the old bytes and a
// manifest (old mode, whether the file existed or was a symlink, and a digest of what was written). Undo uses
// it; it is written before the first file changes, so a crash midway still leaves the old bytes on disk.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { fileSystemFailure } from '../failure';
import { sha256, stateDigest, type FileState } from './current-file';
import type { FileEdit } from './file-edit';

export type BeforeState = { kind: 'absent' } | { kind: 'file'; backup: string; mode: number; uid: number; gid: number } | { kind: 'symlink'; target: string };

export interface ManifestEntry {
  file: string;
  before: BeforeState;
  /** stateDigest of the file as the fix wrote it: undo refuses when the file is no longer that. */
  afterDigest: string;
  via: FileEdit['via'];
  /**
   * The file is as it was before the fix again: put back by a rollback or an undo (saved after each file, so an undo
   * that stopped midway continues where it stopped), or never written because an earlier write failed.
   */
  restored?: boolean;
}

export interface Manifest {
  version: 1;
  sequence: number;
  fixId: string;
  createdAt: string;
  /**
   * pending: being written; applied: done; rolled-back: a write failed and the old files were put back;
   * partially-rolled-back: a write failed and some files could not be put back (those without `restored`), so undo
   * treats it like applied for them.
   */
  state: 'pending' | 'applied' | 'rolled-back' | 'partially-rolled-back' | 'undone';
  /** The process writing a pending fix: once it is gone, the fix was interrupted (recovery.ts rolls it back). */
  pid?: number;
  undoneAt?: string;
  files: ManifestEntry[];
}

export interface Backup {
  dir: string;
  manifest: Manifest;
}

/** Backups hold old config.json bytes, which may include plain-text passwords: private, and not kept forever. */
const keepBackups = 20;
const manifestName = 'manifest.json';

export function backupsDir(stateDir: string): string {
  return path.join(stateDir, 'backups');
}

export async function listBackups(stateDir: string): Promise<Backup[]> {
  const root = backupsDir(stateDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const found: Backup[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, manifestName), 'utf8')) as Manifest;
      if (manifest.version === 1 && Array.isArray(manifest.files)) found.push({ dir, manifest });
    } catch {
      // Not a backup (or one whose manifest never got written): ignored.
    }
  }
  return found.sort((a, b) => a.manifest.sequence - b.manifest.sequence);
}

export async function saveManifest(b: Backup): Promise<void> {
  await writeFileAtomic(path.join(b.dir, manifestName), Buffer.from(JSON.stringify(b.manifest, null, 2) + '\n'), { mode: 0o600, dirMode: 0o700 });
}

async function makeBackupDir(root: string, now: Date): Promise<string> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const dir = path.join(root, n === 1 ? stamp : `${stamp}-${n}`);
    try {
      await mkdir(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function beforeOf(state: FileState, backupName: string): BeforeState {
  switch (state.kind) {
    case 'absent':
      return { kind: 'absent' };
    case 'symlink':
      return { kind: 'symlink', target: state.target };
    case 'file':
      return { kind: 'file', backup: backupName, mode: state.mode, uid: state.uid, gid: state.gid };
  }
}

export async function createBackup(stateDir: string, fixId: string, now: Date, edits: readonly FileEdit[]): Promise<Backup> {
  let dir: string | undefined;
  try {
    dir = await makeBackupDir(backupsDir(stateDir), now);
    return await writeBackup(stateDir, dir, fixId, now, edits);
  } catch (e) {
    // No half-written backup is left behind (it would hold part of the old files, and undo would pick it up).
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw fileSystemFailure(e, `The backup could not be made in Finch Logins' state folder ${stateDir}, so nothing was changed`) ?? e;
  }
}

async function writeBackup(stateDir: string, dir: string, fixId: string, now: Date, edits: readonly FileEdit[]): Promise<Backup> {
  const existing = (await listBackups(stateDir)).filter((b) => b.dir !== dir);
  const files: ManifestEntry[] = [];
  for (const [i, e] of edits.entries()) {
    const name = `${i}.bak`;
    if (e.current.kind === 'file') {
      await writeFile(path.join(dir, name), e.current.bytes, { mode: 0o600, flush: true });
    }
    files.push({ file: e.file, before: beforeOf(e.current, name), afterDigest: stateDigest({ kind: 'file', bytes: e.after, mode: e.mode, uid: 0, gid: 0 }), via: e.via });
  }
  const backup: Backup = {
    dir,
    manifest: { version: 1, sequence: (existing[existing.length - 1]?.manifest.sequence ?? 0) + 1, fixId, createdAt: now.toISOString(), state: 'pending', pid: process.pid, files },
  };
  await saveManifest(backup);
  return backup;
}

export async function backupBytes(b: Backup, entry: ManifestEntry): Promise<Buffer> {
  if (entry.before.kind !== 'file') throw new Error('no bytes were backed up for a file that did not exist');
  return readFile(path.join(b.dir, entry.before.backup));
}

/** stateDigest of the file as it was before the fix (mode and owner aside); null when its backup is unreadable. */
export async function beforeDigest(b: Backup, entry: ManifestEntry): Promise<string | null> {
  const before = entry.before;
  if (before.kind !== 'file') return stateDigest(before);
  try {
    return `file:${sha256(await backupBytes(b, entry))}`;
  } catch {
    return null;
  }
}

/** Keeps the newest backups; older ones (and their old secrets) go. */
export async function pruneBackups(stateDir: string, keep = keepBackups): Promise<void> {
  const all = await listBackups(stateDir);
  for (const b of all.slice(0, Math.max(0, all.length - keep))) await rm(b.dir, { recursive: true, force: true });
}
