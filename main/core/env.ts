// The edge of the core: everything that differs between machines or runs (platform, environment, clock,
// who we are) comes in through one plain object, so every platform's behaviour is testable on Linux.
import os from 'node:os';
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
