// What to watch for the status to stay current: every file the snapshot reads, grouped by folder. Folders, not
// files, are watched: editors and Finch replace a file by renaming a new one over it, which ends a watch on the
// old file but shows up in its folder.
import path from 'node:path';
import type { Paths } from '../paths';
import { stateFileName } from '../state/app-state';
import { settingsFileName } from '../state/settings';

export interface WatchTarget {
  dir: string;
  /** File names in `dir` whose changes matter. */
  names: string[];
}

export function watchTargets(paths: Paths): WatchTarget[] {
  const files = [
    paths.configJson,
    paths.finchYaml,
    paths.awsConfig,
    paths.awsCredentials,
    // The app's own memory: a login made by the CLI (`finch-logins login`) records its expiry here.
    path.join(paths.stateDir, stateFileName),
    path.join(paths.stateDir, settingsFileName),
  ];
  const byDir = new Map<string, Set<string>>();
  for (const file of files) {
    const dir = path.dirname(file);
    const set = byDir.get(dir) ?? new Set<string>();
    set.add(path.basename(file));
    byDir.set(dir, set);
  }
  return [...byDir.entries()].map(([dir, names]) => ({ dir, names: [...names].sort() }));
}

/**
 * The folder to watch while `dir` does not exist yet, and the name of its child on the way to `dir`: the
 * nearest existing ancestor (`exists` is injected so this stays a pure function).
 */
export function nearestExisting(dir: string, exists: (p: string) => boolean): { dir: string; child: string } | null {
  let child = dir;
  let parent = path.dirname(dir);
  while (parent !== child) {
    if (exists(parent)) return { dir: parent, child: path.basename(child) };
    child = parent;
    parent = path.dirname(parent);
  }
  return null;
}
