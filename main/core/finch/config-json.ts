// Finch's config.json (docker's format): auths, credsStore, credHelpers. Unknown keys are kept untouched.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { helperNameProblem, quoteName } from '../credentials/helper-name';
import { lineCol } from '../files';
import type { Problems } from '../problems';

export interface AuthEntry {
  /** base64 "user:secret" — held only in memory, never sent to the renderer or printed. */
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export interface ConfigJson {
  exists: boolean;
  /** False when the file exists but could not be understood: nothing may be written to it. */
  valid: boolean;
  auths: Record<string, AuthEntry>;
  credsStore: string | null;
  credHelpers: Record<string, string>;
  /** The file is there but this user may not read it (root's ~/.docker on Linux, for a window that is not root). */
  denied?: boolean;
  /** The parsed document as-is (unknown keys included), for writers that must keep them. */
  raw: Record<string, unknown>;
  text: string | null;
}

const empty = (exists: boolean, valid: boolean, text: string | null): ConfigJson => ({
  exists, valid, auths: {}, credsStore: null, credHelpers: {}, raw: {}, text,
});

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** docker cannot load a file whose settings have the wrong type: it starts from an empty one and saves over it. */
const unreadable = 'Finch cannot read its logins until it is fixed; Finch Logins will not change it.';

/** Parses config.json text; shape errors are reported and the offending part is ignored, like docker does. */
export function parseConfigJson(file: string, text: string, problems: Problems): ConfigJson {
  if (text.trim() === '') return empty(true, true, text);
  if (text.startsWith('\uFEFF')) {
    // Go's encoding/json (docker, nerdctl, Finch) stops at a byte order mark just as JSON.parse does.
    problems.add(file, 'config.json starts with a byte order mark (the invisible bytes EF BB BF some Windows editors add), so it is not valid JSON. Finch cannot read its logins until it is saved as UTF-8 without a BOM; Finch Logins will not change it.');
    return empty(true, false, text);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const offset = jsonErrorOffset(text, message);
    const at = lineCol(text, offset);
    // Past the last non-blank character, "Expected ',' or '}'" means the file stops before its closing bracket.
    const what = offset >= text.trimEnd().length ? describeJsonError('Unexpected end of JSON input') : describeJsonError(message);
    problems.add(file, `config.json is not valid JSON (line ${at.line}, column ${at.column}): ${what}. Finch cannot read its logins until it is fixed; Finch Logins will not change it.`);
    return empty(true, false, text);
  }
  if (!isObject(doc)) {
    problems.add(file, 'config.json must hold a JSON object ({ … }). Finch cannot read its logins until it is fixed.');
    return empty(true, false, text);
  }
  const result = empty(true, true, text);
  result.raw = doc;
  // null reads as absent, as Go's json.Unmarshal reads it: Finch itself writes `"auths": null` into every new
  // config.json (credserver.EnsureConfigExists marshals docker's ConfigFile, whose auths has no omitempty).
  if (doc.auths !== undefined && doc.auths !== null) {
    if (isObject(doc.auths)) {
      for (const [host, entry] of Object.entries(doc.auths)) {
        if (isObject(entry)) result.auths[host] = pickAuth(entry);
        else problems.add(file, `"auths" entry for ${quoteName(host)} is not an object; it is ignored.`);
      }
    } else {
      problems.add(file, `"auths" must be an object of registry → login. ${unreadable}`);
      result.valid = false;
    }
  }
  if (doc.credsStore !== undefined && doc.credsStore !== null && doc.credsStore !== '') {
    if (typeof doc.credsStore !== 'string') {
      problems.add(file, `"credsStore" must be a helper name such as "osxkeychain". ${unreadable}`);
      result.valid = false;
    } else {
      const bad = helperNameProblem(doc.credsStore);
      if (bad === null) result.credsStore = doc.credsStore;
      else {
        problems.add(file, `"credsStore" is ${quoteName(doc.credsStore)}, which is not a credential helper name: ${bad}. Finch Logins will not run it.`);
        result.valid = false;
      }
    }
  }
  if (doc.credHelpers !== undefined && doc.credHelpers !== null) {
    if (isObject(doc.credHelpers)) {
      for (const [host, helper] of Object.entries(doc.credHelpers)) {
        const bad = typeof helper === 'string' && helper !== '' ? helperNameProblem(helper) : undefined;
        if (bad === null) result.credHelpers[host] = helper as string;
        else if (bad === undefined) problems.add(file, `"credHelpers" entry for ${quoteName(host)} must be a helper name such as "ecr-login"; it is ignored.`);
        else {
          problems.add(file, `"credHelpers" entry for ${quoteName(host)} is ${quoteName(helper as string)}, which is not a credential helper name: ${bad}. Finch Logins will not run it.`);
          result.valid = false;
        }
      }
    } else {
      problems.add(file, `"credHelpers" must be an object of registry → helper name. ${unreadable}`);
      result.valid = false;
    }
  }
  return result;
}

/**
 * V8's message quotes the text around the error ("…":{"auth":dXNlcjpz…"), which may be a stored password: only the
 * kind of error is kept, never the quoted text.
 */
export function describeJsonError(message: string): string {
  if (/unexpected end/i.test(message)) return 'the file ends too early (a missing } or ])';
  if (/expected double-quoted property name/i.test(message)) return 'a property name is not in double quotes, or a comma is left before } or ]';
  if (/expected ',' or '[}\]]'/i.test(message)) return 'a comma is missing between two entries';
  if (/bad control character|bad escaped character|unterminated string/i.test(message)) return 'a string is not closed or holds a raw line break';
  return 'an unexpected character';
}

/** Where parsing failed: V8 gives the position for some errors only, so otherwise find the longest prefix that still parses up to its end. */
export function jsonErrorOffset(text: string, message: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    let endsEarly = false;
    try {
      JSON.parse(text.slice(0, mid));
    } catch (e) {
      // Cut inside a string or a literal also counts as "fine so far": the error is at the cut, not before it.
      const m = (e as Error).message;
      const at = /position (\d+)/.exec(m);
      endsEarly = /unexpected end|unterminated/i.test(m) || (at !== null && Number(at[1]) >= mid - 1);
    }
    if (endsEarly) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function pickAuth(entry: Record<string, unknown>): AuthEntry {
  const out: AuthEntry = {};
  for (const key of ['auth', 'username', 'password', 'identitytoken', 'registrytoken'] as const) {
    const v = entry[key];
    if (typeof v === 'string' && v !== '') out[key] = v;
  }
  return out;
}

/** config.json's bytes as text, or why they are not text docker could read. */
export function decodeConfigBytes(bytes: Buffer): { text: string } | { problem: string } {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
  const good = firstInvalidUtf8(bytes);
  const before = bytes.subarray(0, good).toString('utf8');
  const at = lineCol(before, before.length);
  return {
    problem: `config.json is not text: it holds bytes that are not UTF-8 (the first at line ${at.line}, column ${at.column}). Finch cannot read its logins until it is fixed or moved away; Finch Logins will not change it.`,
  };
}

/** Where the first byte sequence that is not UTF-8 starts (one pass, each sequence checked on its own). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || !isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return b.length;
}

/**
 * `rootsFile`: the file is root's and we are not root (Linux). Then "permission denied" is the normal state, not a
 * problem: the logins in it show as unknown, and Finch (as root) uses it as ever.
 */
export async function readConfigJson(file: string, problems: Problems, opts: { rootsFile?: boolean } = {}): Promise<ConfigJson> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return empty(false, true, null);
    if (opts.rootsFile && (code === 'EACCES' || code === 'EPERM')) return { ...empty(true, false, null), denied: true };
    problems.add(file, `config.json cannot be read: ${(e as Error).message}`);
    return empty(true, false, null);
  }
  const decoded = decodeConfigBytes(bytes);
  if ('problem' in decoded) {
    problems.add(file, decoded.problem);
    return empty(true, false, null);
  }
  return parseConfigJson(file, decoded.text, problems);
}

/** True when an auths entry carries a secret in the file itself (docker's plaintext storage). */
export function holdsSecret(entry: AuthEntry | undefined): boolean {
  return !!entry && !!(entry.auth || entry.password || entry.identitytoken || entry.registrytoken);
}

/**
 * True when the entry's secret is one a credential store replaces: docker's nativeStore.Get (docker/cli
 * cli/config/credentials/native_store.go) overwrites username, password and identitytoken with what the store holds —
 * empty when it holds nothing — so with a helper or credsStore these stay in the file unused. (A registrytoken is
 * not replaced, so it is not counted.)
 */
export function shadowableSecret(entry: AuthEntry | undefined): boolean {
  return !!entry && !!(entry.auth || entry.password || entry.identitytoken);
}

/** The username of a plaintext login, decoded from "auth" without keeping the secret part. */
export function plaintextUsername(entry: AuthEntry): string | undefined {
  if (entry.username) return entry.username;
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}
