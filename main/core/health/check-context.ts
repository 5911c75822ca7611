// The context every check of one run shares: one snapshot, read once.
import type { Env } from '../env';
import { finchRules } from '../finch/finch-rules';
import { readSnapshot } from '../snapshot';
import type { CheckContext } from './check-definition';
import { knownEcrHosts } from './known-registries';

export async function buildCheckContext(env: Env): Promise<CheckContext> {
  const snap = await readSnapshot(env);
  return { env, paths: snap.paths, snap, ecrHosts: knownEcrHosts(snap.config, snap.store, snap.state), rules: finchRules(env.platform, snap.finch.version) };
}
