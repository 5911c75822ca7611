// Finch itself: where it is, which version, and the VM's state. Always called by absolute path.
import { statSync } from 'node:fs';
import type { VmStatus } from '../../../shared/types';
import type { Env } from '../env';
import type { Paths } from '../paths';
import { childEnv, findExecutable } from '../process/find-executable';
import { run } from '../process/run';

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
  const opts = { timeoutMs: probeTimeoutMs, env: childEnv(env, paths) };
  const remembered = rememberedVersion(path, known).version;
  // Finch on Linux has no VM; asking would only print an error.
  const [version, vm] = await Promise.all([
    remembered ? null : run(path, ['--version'], opts),
    env.platform === 'linux' ? null : run(path, ['vm', 'status'], opts),
  ]);
  if (version?.spawnError || vm?.spawnError) return { path: null, version: null, vm: 'unknown' };
  return {
    path,
    version: remembered ?? (version && version.code === 0 ? parseFinchVersion(version.stdout) : null),
    vm: vm && vm.code === 0 ? parseVmStatus(vm.stdout) : 'unknown',
  };
}
