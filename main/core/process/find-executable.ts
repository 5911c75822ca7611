// Finding programs the way a login shell would, plus the folders GUI apps on macOS do not get on PATH.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../env';
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
  const sep = process.platform === 'win32' ? ';' : ':';
  const fromPath = (env.vars.PATH ?? '').split(sep).filter(Boolean);
  return [...new Set([...fromPath, ...paths.extraBinDirs])];
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
  const sep = process.platform === 'win32' ? ';' : ':';
  return { ...env.vars, PATH: searchDirs(env, paths).join(sep), ...extra };
}
