// Finch itself: where it is, which version, and the VM's state. Always called by absolute path.
import { statSync } from 'node:fs';
import type { VmStatus } from '../../../shared/types';
import type { Env } from '../env';
import type { Paths } from '../paths';
import { childEnv, findExecutable } from '../process/find-executable';
import { Failure } from '../failure';
import { finch } from './finch';

const probeTimeoutMs = 10_000;

export interface FinchBinary {
  path: string | null;
  version: string | null;
  vm: VmStatus;
}

/** FINCH_LOGINS_FINCH first (support and tests), then PATH, then the folders Finch's installers use. */
export function locateFinch(env: Env, paths: Paths): string | null {
  const forced = env.vars.FINCH_LOGINS_FINCH;
  if (forced) return forced;
  return findExecutable('finch', env, paths);
}

/** "finch version v1.4.1" → "1.4.1". */
export function parseFinchVersion(out: string): string | null {
  const m = /v?(\d+\.\d+\.\d+(?:[-+][\w.-]+)?)/.exec(out);
  return m ? m[1]! : null;
}

export function parseVmStatus(out: string): VmStatus {
  switch (out.trim().toLowerCase()) {
    case 'running':
      return 'running';
    case 'stopped':
      return 'stopped';
    case 'nonexistent':
      return 'nonexistent';
    default:
      return 'unknown';
  }
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** What the app remembers of the finch binary it last asked for its version (kept in the app state). */
export interface KnownFinch {
  path: string;
  /** size:mtime of the binary when it was asked. */
  stamp: string;
  version: string;
}

/** The remembered version when the binary is still the one it was asked of: asking costs a process start. */
export function rememberedVersion(file: string, known?: KnownFinch): { stamp: string | null; version?: string } {
  let stamp: string | null = null;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    // not there: it will not start either
  }
  return known && stamp && known.path === file && known.stamp === stamp ? { stamp, version: known.version } : { stamp };
}

export async function probeFinch(env: Env, paths: Paths, known?: KnownFinch): Promise<FinchBinary> {
  const path = locateFinch(env, paths);
  if (!path) return { path: null, version: null, vm: 'unknown' };
  // As the user, not through sudo: `--version` and reading the files need no root (on Linux, Finch only warns).
  const inv = { file: path, prefix: [], env: childEnv(env, paths), finchPath: path, paths };
  let missing = false;
  /** Finch's stdout, or null when it failed or did not answer in time (the checks say what that means). */
  // A status read waits for the app's other finch commands (finch-lock.ts) no longer than its own limit: behind a
  // `vm start` of minutes it gives up and says the VM's state is unknown, rather than hold the window's status back.
  const ask = (args: string[]) =>
    finch(inv, args, { timeoutMs: probeTimeoutMs, lockWaitMs: probeTimeoutMs, expected: { failed: () => true } }).then(
      (r) => (r.expected ? null : r.stdout),
      (e: unknown) => {
        missing ||= e instanceof Failure && e.kind === 'finch-missing';
        return null;
      },
    );
  const remembered = rememberedVersion(path, known).version;
  // Finch on Linux has no `vm` command at all (cmd/finch/main_native.go): asking would only fail.
  // One after the other (the executor runs one finch command at a time anyway, finch-lock.ts).
  const version = remembered ? null : await ask(['--version']);
  const vm = env.platform === 'linux' ? null : await ask(['vm', 'status']);
  if (missing) return { path: null, version: null, vm: 'unknown' };
  return {
    path,
    version: remembered ?? (version !== null ? parseFinchVersion(version) : null),
    vm: vm !== null ? parseVmStatus(vm) : 'unknown',
  };
}
