// finch.yaml: only creds_helpers matters to logins. The document is kept for writers (comments preserved).
import type { Document } from 'yaml';
import { readTextIfExists } from '../files';
import type { Problems } from '../problems';

export interface FinchYaml {
  exists: boolean;
  valid: boolean;
  credsHelpers: string[];
  text: string | null;
  doc: Document | null;
}

/** The yaml package is loaded only when there is a finch.yaml to read (it costs ~50 ms of start-up). */
export async function parseFinchYaml(file: string, text: string, problems: Problems): Promise<FinchYaml> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text);
  const base = { exists: true, text, doc };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    problems.add(file, `finch.yaml is not valid YAML${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]}. Finch will fail to start its VM until it is fixed.`);
    return { ...base, valid: false, credsHelpers: [] };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { ...base, valid: true, credsHelpers: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.add(file, 'finch.yaml must be a mapping of settings (cpus: 4, memory: 4GiB, …).');
    return { ...base, valid: false, credsHelpers: [] };
  }
  const helpers = (data as Record<string, unknown>).creds_helpers;
  if (helpers === undefined || helpers === null) return { ...base, valid: true, credsHelpers: [] };
  if (!Array.isArray(helpers) || !helpers.every((h) => typeof h === 'string')) {
    problems.add(file, 'creds_helpers in finch.yaml must be a list of helper names, e.g. "creds_helpers: [ecr-login]".');
    return { ...base, valid: false, credsHelpers: [] };
  }
  return { ...base, valid: true, credsHelpers: helpers as string[] };
}

export async function readFinchYaml(file: string, problems: Problems): Promise<FinchYaml> {
  let text: string | null;
  try {
    text = await readTextIfExists(file);
  } catch (e) {
    problems.add(file, `finch.yaml cannot be read: ${(e as Error).message}`);
    return { exists: true, valid: false, credsHelpers: [], text: null, doc: null };
  }
  if (text === null) return { exists: false, valid: true, credsHelpers: [], text: null, doc: null };
  return parseFinchYaml(file, text, problems);
}
