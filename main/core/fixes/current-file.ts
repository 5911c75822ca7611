// A file's state as a fix found it: absent, a regular file (bytes, mode, owner) or a symlink. Compared again right
// before writing, so a change made meanwhile aborts the fix instead of being overwritten.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { realpath } from 'node:fs/promises';

export type FileState =
  | { kind: 'absent' }
  | { kind: 'file'; bytes: Buffer; mode: number; uid: number; gid: number }
  | { kind: 'symlink'; target: string };

/**
 * Synchronous on purpose: a fix's last check runs right before its rename with no turn of the event loop in between
 * (see transaction.ts), and one reader for both uses keeps them identical. The files are small config files and
 * helper programs.
 */
export function readStateSync(file: string): FileState {
  let st;
  try {
    st = lstatSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    throw e;
  }
  if (st.isSymbolicLink()) return { kind: 'symlink', target: readlinkSync(file) };
  return { kind: 'file', bytes: readFileSync(file), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
}

export async function readState(file: string): Promise<FileState> {
  return readStateSync(file);
}

/** Text files are edited where they really are: a config.json linked from a dotfiles folder stays a link. */
export async function resolveForEdit(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return file;
  }
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What the content is, for tokens and the undo check (mode and owner are restored, not compared). */
export function stateDigest(s: FileState): string {
  switch (s.kind) {
    case 'absent':
      return 'absent';
    case 'symlink':
      return `symlink:${s.target}`;
    case 'file':
      return `file:${sha256(s.bytes)}`;
  }
}

export function sameContent(a: FileState, b: FileState): boolean {
  return stateDigest(a) === stateDigest(b);
}
