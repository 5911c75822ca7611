// The status snapshot: the one view of Finch's logins that the window, the tray and the CLI all render.
import type { Status } from '../../shared/types';
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
    profiles: s.aws.profiles,
    problems: s.problems,
  };
}

export async function readStatus(env: Env): Promise<Status> {
  return statusFrom(await readSnapshot(env));
}
