// The status snapshot: the one view of Finch's logins that the window, the tray and the CLI all render.
import type { Profile, Status } from '../../shared/types';
import { accountCacheMs } from './state/app-state';
import type { Env } from './env';
import { buildRegistries } from './registries/model';
import { readSnapshot, type Snapshot } from './snapshot';

export function statusFrom(s: Snapshot): Status {
  return {
    platform: s.env.platform,
    finch: {
      path: s.finch.path,
      version: s.finch.version,
      vm: s.finch.vm,
      configFile: s.paths.configJson,
      yamlFile: s.paths.finchYaml,
      credsStore: s.config.credsStore,
      credHelpers: s.config.credHelpers,
      yamlCredsHelpers: s.yaml.credsHelpers,
      ...(s.config.denied ? { configNeedsRoot: true } : {}),
      ...(!s.config.valid && !s.config.denied ? { configInvalid: true as const } : {}),
    },
    registries: buildRegistries({ config: s.config, store: s.store, state: s.state, now: s.env.now() }),
    profiles: s.aws.profiles.map((p) => withLearnedAccount(p, s)),
    problems: s.problems,
  };
}

export async function readStatus(env: Env): Promise<Status> {
  return statusFrom(await readSnapshot(env));
}

/** A profile that names no account: the one STS named at a login here, while that is remembered (a week). */
function withLearnedAccount(p: Profile, s: Snapshot): Profile {
  const learned = s.state.accounts?.[p.name];
  if (p.accountId || !learned || s.env.now().getTime() - Date.parse(learned.checkedAt) >= accountCacheMs) return p;
  return { ...p, accountId: learned.accountId };
}
