// Finch's config.json (docker's format): auths, credsStore, credHelpers. Unknown keys are kept untouched.
import { lineCol, readTextIfExists } from '../files';
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

/** Parses config.json text; shape errors are reported and the offending part is ignored, like docker does. */
export function parseConfigJson(file: string, text: string, problems: Problems): ConfigJson {
  if (text.trim() === '') return empty(true, true, text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = lineCol(text, jsonErrorOffset(text, (e as Error).message));
    problems.add(file, `config.json is not valid JSON (line ${at.line}, column ${at.column}): ${describeJsonError((e as Error).message)}. Finch cannot read its logins until it is fixed; Finch Logins will not change it.`);
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
        else problems.add(file, `"auths" entry for ${host} is not an object; it is ignored.`);
      }
    } else {
      problems.add(file, '"auths" must be an object of registry → login; it is ignored.');
      result.valid = false;
    }
  }
  if (doc.credsStore !== undefined && doc.credsStore !== null && doc.credsStore !== '') {
    if (typeof doc.credsStore === 'string') result.credsStore = doc.credsStore;
    else {
      problems.add(file, '"credsStore" must be a helper name such as "osxkeychain"; it is ignored.');
      result.valid = false;
    }
  }
  if (doc.credHelpers !== undefined && doc.credHelpers !== null) {
    if (isObject(doc.credHelpers)) {
      for (const [host, helper] of Object.entries(doc.credHelpers)) {
        if (typeof helper === 'string' && helper !== '') result.credHelpers[host] = helper;
        else problems.add(file, `"credHelpers" entry for ${host} must be a helper name such as "ecr-login"; it is ignored.`);
      }
    } else {
      problems.add(file, '"credHelpers" must be an object of registry → helper name; it is ignored.');
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

/**
 * `rootsFile`: the file is root's and we are not root (Linux). Then "permission denied" is the normal state, not a
 * problem: the logins in it show as unknown, and Finch (as root) uses it as ever.
 */
export async function readConfigJson(file: string, problems: Problems, opts: { rootsFile?: boolean } = {}): Promise<ConfigJson> {
  let text: string | null;
  try {
    text = await readTextIfExists(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (opts.rootsFile && (code === 'EACCES' || code === 'EPERM')) return { ...empty(true, false, null), denied: true };
    problems.add(file, `config.json cannot be read: ${(e as Error).message}`);
    return empty(true, false, null);
  }
  return text === null ? empty(false, true, null) : parseConfigJson(file, text, problems);
}

/** True when an auths entry carries a secret in the file itself (docker's plaintext storage). */
export function holdsSecret(entry: AuthEntry | undefined): boolean {
  return !!entry && !!(entry.auth || entry.password || entry.identitytoken || entry.registrytoken);
}

/** The username of a plaintext login, decoded from "auth" without keeping the secret part. */
export function plaintextUsername(entry: AuthEntry): string | undefined {
  if (entry.username) return entry.username;
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}
