// Where docker-credential-osxkeychain is for Finch's credential server on macOS: the first regular, executable
// file in the server's folders. Since Finch 1.18 the server ignores symlinks (Homebrew installs symlinks), so a
// symlink does not count — the fix copies the helper from Finch's app bundle instead.
import { accessSync, constants, lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { helperBinary } from '../credentials/helper';
import type { Paths } from '../paths';
import { systemPath } from './system-path';

export const osxkeychainBinary = helperBinary('osxkeychain');

export interface HelperSighting {
  file: string;
  kind: 'file' | 'symlink' | 'not-executable';
  linkTarget?: string;
}

export interface OsxkeychainInstall {
  /** The copy the credential server would run, if any. */
  usable: string | null;
  sightings: HelperSighting[];
  /** The copy inside Finch's app bundle, the source of the fix. */
  bundled: string;
  bundledExists: boolean;
  /** Where the fix puts its copy. */
  target: string;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    // Root passes X_OK for any file with one x bit; require the bits themselves.
    return (lstatSync(file).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export function osxkeychainInstall(paths: Paths): OsxkeychainInstall {
  const sightings: HelperSighting[] = [];
  for (const dir of paths.credserverBinDirs) {
    const file = path.join(dir, osxkeychainBinary);
    let st;
    try {
      st = lstatSync(file);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) {
      let linkTarget: string | undefined;
      try {
        linkTarget = readlinkSync(file);
      } catch {
        linkTarget = undefined;
      }
      sightings.push({ file, kind: 'symlink', ...(linkTarget ? { linkTarget } : {}) });
    } else if (st.isFile()) {
      sightings.push({ file, kind: isExecutableFile(file) ? 'file' : 'not-executable' });
    }
  }
  const bundled = path.join(paths.finchBundledHelpers, osxkeychainBinary);
  let bundledExists = false;
  try {
    bundledExists = statSync(bundled).isFile();
  } catch {
    bundledExists = false;
  }
  return {
    usable: sightings.find((s) => s.kind === 'file')?.file ?? null,
    sightings,
    bundled,
    bundledExists,
    target: path.join(systemPath(paths, '/usr/local/bin'), osxkeychainBinary),
  };
}
