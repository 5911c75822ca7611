// What Finch Logins knows about the VM from its own actions, kept in its state folder (vm.json): when it last
// restarted the VM and finch.yaml's settings right after, and when a fix last changed finch.yaml. The
// vm-restart-pending check compares against it, because finch.yaml's modification time says little: Finch
// rewrites the file every time it runs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { maxAliasCount, maxFinchYamlBytes } from '../finch/finch-yaml';
import { writeFileAtomic } from '../atomic-write';
import { privateFile } from '../state/app-state';
import { withFileLock } from '../state/file-lock';

export interface VmRecord {
  lastStart?: { at: string; settingsDigest: string | null };
  yamlChangedAt?: string;
}

export const vmRecordFile = 'vm.json';

export async function readVmRecord(stateDir: string): Promise<VmRecord> {
  try {
    const doc = JSON.parse(await readFile(path.join(stateDir, vmRecordFile), 'utf8')) as unknown;
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as VmRecord) : {};
  } catch {
    // Missing or damaged: nothing is known, which the check says.
    return {};
  }
}

export function updateVmRecord(stateDir: string, change: (r: VmRecord) => void): Promise<void> {
  const file = path.join(stateDir, vmRecordFile);
  return withFileLock(file, async () => {
    const record = await readVmRecord(stateDir);
    change(record);
    await writeFileAtomic(file, Buffer.from(JSON.stringify(record, null, 2) + '\n'), privateFile);
  });
}

/** finch.yaml's settings, not its bytes: Finch rewrites the file (dropping comments) without changing them. */
export async function settingsDigest(yamlText: string | null): Promise<string | null> {
  // A file finch-yaml.ts would refuse (too big, bad YAML, an alias bomb) has no settings to compare.
  if (yamlText === null || Buffer.byteLength(yamlText) > maxFinchYamlBytes) return null;
  // yaml loads lazily: the CLI's start-up must not pay for it (finch/finch-yaml.ts does the same).
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return null;
  try {
    return createHash('sha256').update(canonicalJson(doc.toJS({ maxAliasCount }))).digest('hex');
  } catch {
    return null;
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
