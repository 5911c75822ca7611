// Everything read from disk and programs in one pass: the model the status, the checks and the fixes share.
import type { Problem } from '../../shared/types';
import { readAwsProfiles, type AwsProfiles } from './aws/profiles';
import { HelperError, openHelper } from './credentials/helper';
import type { Env } from './env';
import { readConfigJson, type ConfigJson } from './finch/config-json';
import { probeFinch, type FinchBinary } from './finch/finch-cli';
import { whenNotRewriting } from './finch/finch-lock';
import { readFinchYaml, type FinchYaml } from './finch/finch-yaml';
import { resolvePaths, type Paths } from './paths';
import { Problems } from './problems';
import type { StoreListing } from './registries/model';
import { loadState, type AppState } from './state/app-state';

export interface Snapshot {
  env: Env;
  paths: Paths;
  finch: FinchBinary;
  config: ConfigJson;
  yaml: FinchYaml;
  store: StoreListing | null;
  aws: AwsProfiles;
  state: AppState;
  problems: Problem[];
}

export interface SnapshotOptions {
  /** Run `finch --version` and `finch vm status` (false when only the files matter, e.g. before a batch of logins). */
  probeFinch?: boolean;
  /** Read finch.yaml (false for logins, which never need it: a broken finch.yaml must not stop them). */
  readFinchYaml?: boolean;
}

/** Linux: Finch's config.json is root's; a window or CLI that is not root cannot read it (see status.ts). */
export function needsRootToRead(env: Env): boolean {
  return env.platform === 'linux' && !env.isRoot;
}

/** As long as a status read waits for finch (finch-cli.ts): not behind the minutes of a VM start. */
const finchYamlWaitMs = 10_000;

const notRead: FinchYaml = { exists: false, valid: true, credsHelpers: [], text: null, doc: null };
const notProbed: FinchBinary = { path: null, version: null, vm: 'unknown' };

export async function readSnapshot(env: Env, opts: SnapshotOptions = {}): Promise<Snapshot> {
  const paths = resolvePaths(env);
  const problems = new Problems();
  const reading = loadState(paths.stateDir, problems);
  const [finch, config, yaml, aws, state] = await Promise.all([
    // The version finch gave last time is reused while the binary is unchanged.
    opts.probeFinch === false ? notProbed : reading.then((s) => probeFinch(env, paths, s.finch)),
    readConfigJson(paths.configJson, problems, { rootsFile: needsRootToRead(env) }),
    opts.readFinchYaml === false ? notRead : whenNotRewriting(paths, finchYamlWaitMs, () => readFinchYaml(paths.finchYaml, problems)),
    readAwsProfiles(paths),
    reading,
  ]);
  const store = config.credsStore ? await listStore(config.credsStore, env, paths, problems) : null;
  for (const p of aws.problems) problems.add(p.file, p.message);
  return { env, paths, finch, config, yaml, store, aws, state, problems: problems.list };
}

async function listStore(helper: string, env: Env, paths: Paths, problems: Problems): Promise<StoreListing> {
  try {
    return { helper, entries: await openHelper(helper, env, paths).list() };
  } catch (e) {
    const why = e instanceof HelperError ? e.message : String(e);
    problems.add(paths.configJson, `credsStore is "${helper}", but its logins could not be listed: ${why} Logins stored there show as unknown.`);
    return { helper, entries: null };
  }
}
