// Editing config.json: parsed with the same reader as everything else, refused when it does not parse, changed
// as a plain object (unknown keys ride along) and written back in the file's own style.
import { isDeepStrictEqual } from 'node:util';
import { Failure } from '../failure';
import { invalidConfigFailure } from '../finch/config-gate';
import { decodeConfigBytes, parseConfigJson, type ConfigJson } from '../finch/config-json';
import { Problems } from '../problems';
import { readState, resolveForEdit, type FileState } from './current-file';
import type { FileEdit } from './file-edit';
import { detectJsonStyle, serializeJson, type JsonStyle } from './json-style';

export interface ConfigForEdit {
  file: string;
  current: FileState;
  config: ConfigJson;
  style: JsonStyle;
}

/** A new config.json holds logins: private to the user, like docker makes it. */
const newFileMode = 0o600;
const newDirMode = 0o700;

export async function loadConfigForEdit(configuredPath: string): Promise<ConfigForEdit> {
  const file = await resolveForEdit(configuredPath);
  const current = await readState(file);
  if (current.kind === 'symlink') {
    throw new Failure('file-unreadable', `${configuredPath} is a link to ${current.target}, which does not exist.`, 'Fix or remove the link; Finch Logins changed nothing.');
  }
  if (current.kind === 'absent') return { file, current, config: parseConfigJson(file, '{}', new Problems()), style: detectJsonStyle('') };
  const decoded = decodeConfigBytes(current.bytes);
  if ('problem' in decoded) throw invalidConfigFailure(file, 'change it', decoded.problem);
  const problems = new Problems();
  const config = parseConfigJson(file, decoded.text, problems);
  if (!config.valid) throw invalidConfigFailure(file, 'change it', problems.list.map((p) => p.message).join(' '));
  return { file, current, config, style: detectJsonStyle(decoded.text) };
}

/** The edit that `mutate` makes to the document, or null when it changes nothing. */
export function configEdit(c: ConfigForEdit, mutate: (doc: Record<string, unknown>) => void): FileEdit | null {
  const doc = structuredClone(c.config.raw);
  mutate(doc);
  if (isDeepStrictEqual(doc, c.config.raw) && c.current.kind === 'file') return null;
  if (c.current.kind === 'absent' && Object.keys(doc).length === 0) return null;
  return {
    file: c.file,
    current: c.current,
    after: Buffer.from(serializeJson(doc, c.style), 'utf8'),
    mode: c.current.kind === 'file' ? c.current.mode : newFileMode,
    dirMode: newDirMode,
    kind: 'json',
    via: 'direct',
  };
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
