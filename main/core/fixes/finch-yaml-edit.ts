// Editing finch.yaml through the yaml Document API, so comments, key order and other settings survive; the
// result is parsed again and compared, so a write can only ever change creds_helpers.
import { isDeepStrictEqual } from 'node:util';
import type { Document } from 'yaml';
import { Failure } from '../failure';
import { parseFinchYaml } from '../finch/finch-yaml';
import { Problems } from '../problems';
import { readState, resolveForEdit, type FileState } from './current-file';
import type { FileEdit } from './file-edit';

export interface YamlForEdit {
  file: string;
  current: FileState;
  text: string;
  credsHelpers: string[];
}

export async function loadYamlForEdit(configuredPath: string): Promise<YamlForEdit> {
  const file = await resolveForEdit(configuredPath);
  const current = await readState(file);
  if (current.kind === 'symlink') {
    throw new Failure('file-unreadable', `${configuredPath} is a link to ${current.target}, which does not exist.`, 'Fix or remove the link; Finch Logins changed nothing.');
  }
  const text = current.kind === 'file' ? current.bytes.toString('utf8') : '';
  const problems = new Problems();
  const parsed = await parseFinchYaml(file, text, problems);
  if (!parsed.valid) {
    throw new Failure(
      'file-invalid',
      `${file} was not changed: ${problems.list[0]?.message ?? 'it could not be understood.'}`,
      'Fix the file in a text editor, then try again. Finch Logins changes nothing in a file it cannot read.',
    );
  }
  return { file, current, text, credsHelpers: parsed.credsHelpers };
}

/** finch.yaml text with `helper` appended to creds_helpers; null when it is already listed. */
export function withCredsHelper(text: string, helper: string): Promise<string | null> {
  return changeCredsHelpers(text, (list) => (list.includes(helper) ? null : [...list, helper]), 'Adding to');
}

/** finch.yaml text without `helper` in creds_helpers (the key goes when the list empties); null when it is not listed. */
export function withoutCredsHelper(text: string, helper: string): Promise<string | null> {
  return changeCredsHelpers(text, (list) => (list.includes(helper) ? list.filter((h) => h !== helper) : null), 'Removing from');
}

async function changeCredsHelpers(text: string, change: (list: unknown[]) => unknown[] | null, doing: string): Promise<string | null> {
  // Loaded lazily, like finch/finch-yaml.ts: the CLI's start-up must not pay for the yaml package.
  const { isSeq, parseDocument } = await import('yaml');
  const doc = parseDocument(text);
  const before = (doc.toJS() ?? {}) as Record<string, unknown>;
  const list = Array.isArray(before.creds_helpers) ? (before.creds_helpers as unknown[]) : [];
  const next = change(list);
  if (next === null) return null;
  const node = doc.get('creds_helpers', true);
  if (next.length === 0) doc.delete('creds_helpers');
  else if (isSeq(node) && next.length === list.length + 1) node.add(doc.createNode(next[next.length - 1]));
  else if (isSeq(node)) node.items = node.items.filter((_item, i) => next.includes(list[i]));
  else if (doc.contents === null) doc.contents = doc.createNode({ creds_helpers: next }) as unknown as Document.Parsed['contents'];
  else doc.set('creds_helpers', doc.createNode(next));
  const out = doc.toString({
    lineWidth: 0,
    // Keep the file's own list style: "- x" at the key's column, or indented; "[a, b]" or "[ a, b ]".
    indentSeq: !/^[^\s#][^\n]*:[ \t]*\r?\n-[ \t]/m.test(text),
    flowCollectionPadding: /\[ \S/.test(text),
  });
  const kept = keepSpacing(text, out);
  const after = (parseDocument(kept).toJS() ?? {}) as Record<string, unknown>;
  const expected: Record<string, unknown> = { ...before, creds_helpers: next };
  if (next.length === 0) delete expected.creds_helpers;
  if (!isDeepStrictEqual(after, expected)) {
    throw new Failure('internal', `${doing} creds_helpers would have changed other settings in finch.yaml, so nothing was written.`, 'This is a bug in Finch Logins; change the list by hand.');
  }
  return kept;
}

/**
 * The yaml package re-renders every line (`cpus: 4   # four` comes out as `cpus: 4 # four`): each rendered line that
 * differs from a line of the original only in spacing is replaced by that original line, so only the lines that
 * really change differ. The result is parsed again and compared by the caller.
 */
export function keepSpacing(original: string, rendered: string): string {
  const key = (line: string) => line.replace(/\s+/g, ' ').trim();
  const pool = new Map<string, string[]>();
  for (const line of original.split(/\r?\n/)) {
    const k = key(line);
    const list = pool.get(k);
    if (list) list.push(line);
    else pool.set(k, [line]);
  }
  return rendered
    .split('\n')
    .map((line) => (key(line) === '' ? line : (pool.get(key(line))?.shift() ?? line)))
    .join('\n');
}

function yamlEdit(y: YamlForEdit, text: string | null): FileEdit | null {
  if (text === null) return null;
  return {
    file: y.file,
    current: y.current,
    after: Buffer.from(text, 'utf8'),
    mode: y.current.kind === 'file' ? y.current.mode : 0o644,
    dirMode: 0o755,
    kind: 'yaml',
    via: 'direct',
  };
}

export async function credsHelperEdit(y: YamlForEdit, helper: string): Promise<FileEdit | null> {
  return yamlEdit(y, await withCredsHelper(y.text, helper));
}

export async function credsHelperRemoval(y: YamlForEdit, helper: string): Promise<FileEdit | null> {
  return yamlEdit(y, await withoutCredsHelper(y.text, helper));
}
