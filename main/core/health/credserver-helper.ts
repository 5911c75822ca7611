// Which docker-credential-<name> Finch's credential server on macOS (≥ 1.15) would run for a pull: it looks the helper
// up with exec.LookPath over its own PATH — /opt/finch/bin:/usr/local/bin:/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:
// /sbin, never the user's shell PATH or ~/.docker/bin — takes the first executable found and, from 1.18.0, refuses
// it when that file is a symlink (without looking further). Source: runfinch/finch pkg/credserver/utils_darwin.go
// lookupHelperPath, v1.18.0. This holds for every helper: credsStore and credHelpers entries alike.
import { accessSync, constants, lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { helperBinary } from '../credentials/helper';
import type { FinchRules } from '../finch/finch-rules';
import type { Paths } from '../paths';

export interface HelperSighting {
  file: string;
  kind: 'file' | 'symlink' | 'not-executable';
  linkTarget?: string;
}

export interface CredserverLookup {
  binary: string;
  /** The file the credential server runs, or null when it runs none. */
  usable: string | null;
  /** Every copy in the server's folders, in its order. */
  sightings: HelperSighting[];
  /** Why the first copy is not used (a symlink on ≥ 1.18), when that is the reason. */
  refused?: HelperSighting;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    // Root passes X_OK for any file with one x bit; require the bits themselves.
    return (statSync(file).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export function credserverHelper(name: string, paths: Paths, rules: Pick<FinchRules, 'rejectsSymlinks'>): CredserverLookup {
  const binary = helperBinary(name);
  const sightings: HelperSighting[] = [];
  for (const dir of paths.credserverBinDirs) {
    const file = path.join(dir, binary);
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
      // LookPath follows the link: a link to a runnable file is found (and then refused from 1.18.0).
      sightings.push({ file, kind: executable(file) ? 'symlink' : 'not-executable', ...(linkTarget ? { linkTarget } : {}) });
    } else if (st.isFile()) {
      sightings.push({ file, kind: executable(file) ? 'file' : 'not-executable' });
    }
  }
  const first = sightings.find((s) => s.kind !== 'not-executable');
  if (!first) return { binary, usable: null, sightings };
  if (first.kind === 'symlink' && rules.rejectsSymlinks) return { binary, usable: null, sightings, refused: first };
  return { binary, usable: first.file, sightings };
}

/** Each sighting in words, for a check's detail. */
export function describeSightings(found: CredserverLookup, rules: Pick<FinchRules, 'rejectsSymlinks'>): string[] {
  return found.sightings.map((s) => {
    if (s.kind === 'not-executable') return `${s.file} is not executable.`;
    if (s.kind === 'symlink') {
      const link = `${s.file} is a symlink${s.linkTarget ? ` to ${s.linkTarget}` : ''}`;
      return rules.rejectsSymlinks ? `${link}, and Finch 1.18 and later ignore symlinked helpers.` : `${link} (Finch before 1.18 accepts it; 1.18 and later do not).`;
    }
    return `${s.file} is installed as a file.`;
  });
}
