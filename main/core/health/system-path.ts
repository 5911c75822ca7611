// System paths (/usr/local/bin, /Applications/…) under FINCH_LOGINS_ROOT, the way paths.ts builds its own.
import path from 'node:path';
import type { Paths } from '../paths';

export function systemPath(paths: Paths, absolute: string): string {
  return paths.root ? path.join(paths.root, absolute) : absolute;
}
