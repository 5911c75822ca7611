// finch.yaml: only creds_helpers matters to logins. The document is kept for writers (comments preserved).
// Whatever is wrong with the file (too big, an alias bomb, bad YAML) is a problem of that file only: it is reported,
// and the rest of the app — logins above all, which never need it — keeps working.
import { open } from 'node:fs/promises';
import type { Document } from 'yaml';
import { helperNameProblem, quoteName } from '../credentials/helper-name';
import type { Problems } from '../problems';

export interface FinchYaml {
  exists: boolean;
  valid: boolean;
  credsHelpers: string[];
  /** auto_vm_start (Finch ≥ 1.18: a stopped VM starts when a command needs it); null when not set (on by default). */
  autoVmStart?: boolean | null;
  text: string | null;
  doc: Document | null;
}

/**
 * Finch writes a few hundred bytes (cpus, memory, vmType, creds_helpers…); the yaml parser's time grows faster than
 * the file (1 MB ≈ 1 s, 10 MB > 1 min), so a bigger file is refused rather than read.
 */
export const maxFinchYamlBytes = 64 * 1024;
/** Aliases expanded at most (the yaml package's guard against "billion laughs"); Finch's file has none. */
export const maxAliasCount = 100;

const invalid = (text: string | null, doc: Document | null): FinchYaml => ({ exists: true, valid: false, credsHelpers: [], text, doc });

export function tooBigMessage(size: number): string {
  return `finch.yaml is ${(size / 1024).toFixed(0)} KiB; Finch Logins reads it only up to ${maxFinchYamlBytes / 1024} KiB (Finch's own is a few hundred bytes). Finch will likely fail to start its VM; look at the file in a text editor.`;
}

/** The yaml package is loaded only when there is a finch.yaml to read (it costs ~50 ms of start-up). */
export async function parseFinchYaml(file: string, text: string, problems: Problems): Promise<FinchYaml> {
  if (Buffer.byteLength(text) > maxFinchYamlBytes) {
    problems.add(file, tooBigMessage(Buffer.byteLength(text)));
    return invalid(null, null);
  }
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text);
  const base = { exists: true, text, doc };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    problems.add(file, `finch.yaml is not valid YAML${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]!.replace(/[:.]$/, '')}. Finch will fail to start its VM until it is fixed.`);
    return { ...base, valid: false, credsHelpers: [] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (e) {
    // "Excessive alias count …": anchors that expand into more than the limit (an alias bomb).
    problems.add(file, `finch.yaml cannot be read: ${(e as Error).message.split('\n')[0]} (its anchors and aliases expand beyond ${maxAliasCount}). Finch Logins does not use it until it is fixed.`);
    return { ...base, valid: false, credsHelpers: [] };
  }
  if (data === null || data === undefined) return { ...base, valid: true, credsHelpers: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.add(file, 'finch.yaml must be a mapping of settings (cpus: 4, memory: 4GiB, …).');
    return { ...base, valid: false, credsHelpers: [] };
  }
  const auto = (data as Record<string, unknown>).auto_vm_start;
  const autoVmStart = typeof auto === 'boolean' ? auto : null;
  const helpers = (data as Record<string, unknown>).creds_helpers;
  if (helpers === undefined || helpers === null) return { ...base, valid: true, credsHelpers: [], autoVmStart };
  if (!Array.isArray(helpers) || !helpers.every((h) => typeof h === 'string')) {
    problems.add(file, 'creds_helpers in finch.yaml must be a list of helper names, e.g. "creds_helpers: [ecr-login]".');
    return { ...base, valid: false, credsHelpers: [] };
  }
  const bad = (helpers as string[]).find((h) => helperNameProblem(h) !== null);
  if (bad !== undefined) {
    problems.add(file, `creds_helpers in finch.yaml lists ${quoteName(bad)}, which is not a credential helper name: ${helperNameProblem(bad)}. Finch Logins will not use it.`);
    return { ...base, valid: false, credsHelpers: [] };
  }
  return { ...base, valid: true, credsHelpers: helpers as string[], autoVmStart };
}

/** The file's text, or its size when it is over the limit (only the limit is ever read). */
export async function readCapped(file: string, limit: number): Promise<{ text: string } | { tooBig: number } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  try {
    const size = (await handle.stat()).size;
    if (size > limit) return { tooBig: size };
    const buf = Buffer.alloc(limit + 1);
    const { bytesRead } = await handle.read(buf, 0, limit + 1, 0);
    // A file that grew (or a device that never ends) since stat: still capped.
    if (bytesRead > limit) return { tooBig: bytesRead };
    return { text: buf.subarray(0, bytesRead).toString('utf8') };
  } finally {
    await handle.close();
  }
}

export async function readFinchYaml(file: string, problems: Problems): Promise<FinchYaml> {
  let read;
  try {
    read = await readCapped(file, maxFinchYamlBytes);
  } catch (e) {
    problems.add(file, `finch.yaml cannot be read: ${(e as Error).message}`);
    return invalid(null, null);
  }
  if (read === null) return { exists: false, valid: true, credsHelpers: [], text: null, doc: null };
  if ('tooBig' in read) {
    problems.add(file, tooBigMessage(read.tooBig));
    return invalid(null, null);
  }
  return parseFinchYaml(file, read.text, problems);
}
