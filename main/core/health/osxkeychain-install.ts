// Where docker-credential-osxkeychain is for Finch's credential server on macOS (credserver-helper.ts): Finch 1.15–1.17
// install it as a symlink /usr/local/bin/docker-credential-osxkeychain → /Applications/Finch/cred-helpers/…, which
// those versions accept; 1.18.0 copies it to /opt/finch/bin and refuses symlinks. The fix copies the helper from
// Finch's app bundle into /usr/local/bin, as a file.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { FinchRules } from '../finch/finch-rules';
import type { Paths } from '../paths';
import { credserverHelper, type CredserverLookup } from './credserver-helper';
import { systemPath } from './system-path';

export const osxkeychainBinary = 'docker-credential-osxkeychain';

export interface OsxkeychainInstall extends CredserverLookup {
  /** The copy inside Finch's app bundle, the source of the fix. */
  bundled: string;
  bundledExists: boolean;
  /** Where the fix puts its copy. */
  target: string;
}

/** `rules` default to the newest Finch's (symlinks refused). */
export function osxkeychainInstall(paths: Paths, rules: Pick<FinchRules, 'rejectsSymlinks'> = { rejectsSymlinks: true }): OsxkeychainInstall {
  const bundled = path.join(paths.finchBundledHelpers, osxkeychainBinary);
  let bundledExists = false;
  try {
    bundledExists = statSync(bundled).isFile();
  } catch {
    bundledExists = false;
  }
  return { ...credserverHelper('osxkeychain', paths, rules), bundled, bundledExists, target: path.join(systemPath(paths, '/usr/local/bin'), osxkeychainBinary) };
}
