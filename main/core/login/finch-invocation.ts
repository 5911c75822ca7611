// How to call finch on this machine: by absolute path, as root on Linux (directly, sudo -n -E, or pkexec), with
// the helper folders on PATH (GUI apps on macOS get a minimal PATH), and on Windows with DOCKER_CONFIG set so
// `finch login` writes the config.json the VM reads.
import path from 'node:path';
import type { Env } from '../env';
import { Failure } from '../failure';
import { locateFinch } from '../finch/finch-cli';
import type { Paths } from '../paths';
import { childEnv, findExecutable } from '../process/find-executable';

export interface Invocation {
  file: string;
  /** Arguments placed before finch's own (e.g. sudo's flags and finch's path). */
  prefix: string[];
  env: Record<string, string | undefined>;
  finchPath: string;
}

export interface Elevation {
  isRoot: boolean;
  sudo: string | null;
  pkexec: string | null;
}

/** Pure: the command line that runs finch with the rights it needs. */
export function finchCommand(platform: Env['platform'], finchPath: string, elevation: Elevation): { file: string; prefix: string[] } | null {
  if (platform !== 'linux' || elevation.isRoot) return { file: finchPath, prefix: [] };
  // -n: never prompt on a terminal we do not have; -E: keep DOCKER_CONFIG and AWS_* for finch.
  if (elevation.sudo) return { file: elevation.sudo, prefix: ['-n', '-E', finchPath] };
  if (elevation.pkexec) return { file: elevation.pkexec, prefix: [finchPath] };
  return null;
}

export function finchInvocation(env: Env, paths: Paths, elevation?: Partial<Elevation>): Invocation {
  const finchPath = locateFinch(env, paths);
  if (!finchPath) {
    throw new Failure('finch-missing', 'Finch was not found.', 'Install Finch from https://runfinch.com, or set FINCH_LOGINS_FINCH to the finch program.');
  }
  const e: Elevation = {
    isRoot: env.isRoot,
    sudo: findExecutable('sudo', env, paths),
    pkexec: findExecutable('pkexec', env, paths),
    ...elevation,
  };
  const cmd = finchCommand(env.platform, finchPath, e);
  if (!cmd) {
    throw new Failure('needs-root', 'Finch on Linux runs as root, and neither sudo nor pkexec is available.', 'Run finch-logins as root (sudo -E finch-logins …).');
  }
  const extra: Record<string, string> = {};
  // Windows: point finch at the config.json the VM reads (and the status reads), not %USERPROFILE%\.finch.
  if (env.platform === 'win32') extra.DOCKER_CONFIG = loginConfigDir(paths);
  return { file: cmd.file, prefix: cmd.prefix, env: childEnv(env, paths, extra), finchPath };
}

/** The config.json the logins go to, as finch will see it. */
export function loginConfigDir(paths: Paths): string {
  return path.dirname(paths.configJson);
}
