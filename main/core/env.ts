// The edge of the core: everything that differs between machines or runs (platform, environment, clock,
// who we are) comes in through one plain object, so every platform's behaviour is testable on Linux.
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../shared/types';

export interface Env {
  platform: Platform;
  vars: Readonly<Record<string, string | undefined>>;
  home: string;
  isRoot: boolean;
  now: () => Date;
}

const platforms: readonly Platform[] = ['darwin', 'linux', 'win32'];

export class UsageError extends Error {}

/** The running machine, with FINCH_LOGINS_PLATFORM honoured so support and tests can see another OS's layout. */
export function currentEnv(vars: NodeJS.ProcessEnv = process.env): Env {
  const forced = vars.FINCH_LOGINS_PLATFORM;
  if (forced !== undefined && forced !== '' && !platforms.includes(forced as Platform)) {
    throw new UsageError(`FINCH_LOGINS_PLATFORM must be one of ${platforms.join(', ')} (got "${forced}")`);
  }
  const platform = (forced || (platforms.includes(process.platform as Platform) ? process.platform : 'linux')) as Platform;
  const home =
    (platform === 'win32' ? vars.USERPROFILE || vars.HOME : vars.HOME || vars.USERPROFILE) || os.homedir();
  return {
    platform,
    vars: { ...vars },
    home,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    now: () => new Date(),
  };
}

/**
 * The name the search path has in `vars`. Windows' variables are case-insensitive and the system spells this one
 * `Path`, but a plain copy of process.env (as `vars` is) loses the case-insensitive lookup: `vars.PATH` is undefined
 * there, and writing `PATH` beside `Path` leaves two keys, of which a child gets only one.
 */
export function pathKey(env: Pick<Env, 'platform' | 'vars'>): string {
  if (env.platform !== 'win32') return 'PATH';
  return Object.keys(env.vars).find((k) => k.toUpperCase() === 'PATH' && env.vars[k] !== undefined) ?? 'Path';
}

/** The folders on the search path, in order. The separator is this machine's: children run here. */
export function searchPath(env: Pick<Env, 'platform' | 'vars'>): string[] {
  return (env.vars[pathKey(env)] ?? '').split(path.delimiter).filter(Boolean);
}

/** A copy of the variables with the search path set to `dirs`, under the one name it already has. */
export function withSearchPath(env: Pick<Env, 'platform' | 'vars'>, dirs: readonly string[]): Record<string, string | undefined> {
  const key = pathKey(env);
  const vars: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env.vars)) {
    if (env.platform === 'win32' && k.toUpperCase() === 'PATH') continue; // every spelling goes: one key stays
    vars[k] = v;
  }
  vars[key] = dirs.join(path.delimiter);
  return vars;
}
