// One file a fix writes: what it was when planned, the bytes it becomes, and how it is written. The preview's
// diff and the token both come from here.
import type { FileChange } from '../../../shared/types';
import { sha256, stateDigest, type FileState } from './current-file';
import { maskSecrets } from './mask-secrets';
import { unifiedDiff } from './unified-diff';

export interface FileEdit {
  file: string;
  current: FileState;
  after: Buffer;
  mode: number;
  /** Mode for folders that must be created. */
  dirMode: number;
  kind: 'json' | 'yaml' | 'binary';
  /** 'osascript': through macOS's administrator prompt, because the folder is not writable for the user. */
  via: 'direct' | 'osascript';
  /** For a copied program: where the bytes come from (shown, and used by the privileged copy). */
  source?: string;
}

const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

export function describeChange(e: FileEdit): FileChange {
  const creates = e.current.kind === 'absent';
  if (e.kind === 'binary') {
    const was =
      e.current.kind === 'absent' ? 'new file' : e.current.kind === 'symlink' ? `replaces a symlink to ${e.current.target}` : `replaces a file of ${e.current.bytes.length} bytes`;
    return {
      file: e.file,
      creates,
      diff: `Binary file ${e.file}: ${e.source ? `a copy of ${e.source}, ` : ''}${e.after.length} bytes, mode ${octal(e.mode)} (${was})\n`,
    };
  }
  const before = e.current.kind === 'file' ? e.current.bytes.toString('utf8') : '';
  const after = e.after.toString('utf8');
  const mask = e.kind === 'json' ? maskSecrets : (t: string) => t;
  const diff = unifiedDiff(mask(before), mask(after), { from: creates ? '/dev/null' : e.file, to: e.file });
  return { file: e.file, creates, diff };
}

/** The token ties an apply to its preview: the fix, and for each file its state then and the bytes planned. */
export function planToken(fixId: string, edits: readonly FileEdit[]): string {
  const parts = edits.map((e) => editDigest(e));
  return `${fixId}:${parts.length ? parts.join('.') : '-'}`;
}

export function editDigest(e: FileEdit): string {
  return sha256(`${e.file}\0${stateDigest(e.current)}\0${sha256(e.after)}\0${e.mode}`).slice(0, 24);
}
