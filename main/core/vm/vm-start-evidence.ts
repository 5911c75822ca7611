// When the Finch VM last started, from what there is: Finch Logins' own record of its restarts, and on macOS the
// pid file Lima's host agent writes when the VM starts (Finch keeps Lima's data inside its app folder).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../env';
import type { Paths } from '../paths';
import type { VmRecord } from './vm-record';

export interface StartEvidence {
  at: Date;
  /** What the time is based on, in words. */
  basis: string;
  /** True when it is Finch Logins' own restart (so its recorded settings apply). */
  ours: boolean;
}

export function limaPidFile(paths: Paths): string {
  return path.join(path.dirname(paths.finchBundledHelpers), 'lima', 'data', 'finch', 'ha.pid');
}

/** Two records of one start are seconds apart: our time is taken after `finch vm start` returned. */
const sameStartMs = 60_000;

export async function vmStartEvidence(env: Env, paths: Paths, record: VmRecord): Promise<StartEvidence | null> {
  const ours = record.lastStart ? new Date(record.lastStart.at) : null;
  let lima: Date | null = null;
  const pidFile = limaPidFile(paths);
  if (env.platform === 'darwin') {
    try {
      lima = (await stat(pidFile)).mtime;
    } catch {
      lima = null;
    }
  }
  if (ours && !Number.isNaN(ours.getTime()) && (!lima || lima.getTime() <= ours.getTime() + sameStartMs)) {
    return { at: ours, basis: 'Finch Logins\u2019 record of restarting the VM', ours: true };
  }
  if (lima) return { at: lima, basis: `the VM\u2019s pid file ${pidFile}, written when the VM started`, ours: false };
  return null;
}
