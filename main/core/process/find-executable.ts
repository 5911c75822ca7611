// Finding programs the way a login shell would, plus the folders GUI apps on macOS do not get on PATH.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { pathKey, searchPath, withSearchPath, type Env } from '../env';
import type { Paths } from '../paths';

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folders searched, in order: PATH, then the platform's extra folders. Duplicates removed. */
export function searchDirs(env: Env, paths: Paths): string[] {
  return [...new Set([...searchPath(env), ...paths.extraBinDirs])];
}

export function findExecutable(name: string, env: Env, paths: Paths): string | null {
  const names = env.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of searchDirs(env, paths)) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** The environment a child needs to find its own helpers: our search folders on its PATH. */
export function childEnv(env: Env, paths: Paths, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...withSearchPath(env, searchDirs(env, paths)), ...extra };
}

/**
 * The app's own search path at start-up. Launched from the Dock or Finder, a macOS app gets launchd's
 * PATH=/usr/bin:/bin:/usr/sbin:/sbin. Our children get the install folders through childEnv, but the AWS SDK runs a
 * profile's `credential_process` with process.env, so the folders have to be on our own PATH too. Returns the one
 * variable to set, or null when nothing changes (other OSes, or a PATH that has them already, as from a terminal).
 */
export function startupSearchPath(env: Env, paths: Paths): { name: string; value: string } | null {
  if (env.platform !== 'darwin') return null;
  const dirs = searchDirs(env, paths);
  if (dirs.length === searchPath(env).length) return null;
  return { name: pathKey(env), value: dirs.join(path.delimiter) };
}
