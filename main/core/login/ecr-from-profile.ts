// "ECR from a profile": the private ECR registries of a profile's account in the regions the user picks.
import { readAwsProfiles } from '../aws/profiles';
import type { Env } from '../env';
import { Failure } from '../failure';
import { resolvePaths } from '../paths';
import { ecrHostFor } from '../registries/host';
import { loadState, updateState } from '../state/app-state';
import { profileCredentials } from './ecr-token';
import { accountLookup } from './profile-resolver';

export async function ecrHostsForProfile(env: Env, profile: string, regions: string[]): Promise<string[]> {
  const paths = resolvePaths(env);
  const [aws, state] = await Promise.all([readAwsProfiles(paths), loadState(paths.stateDir)]);
  if (!aws.profiles.some((p) => p.name === profile)) throw new Failure('profile-missing', `Profile "${profile}" is not in your AWS files.`, `Pick a listed profile, or create it with: aws configure --profile ${profile}`);
  const learned = new Map<string, string>();
  const account = /^\d{12}$/.test(profile) ? profile : await accountLookup(env, aws, state, learned, (p) => profileCredentials(env, paths, p))(profile);
  if (!account) {
    throw new Failure('no-account', `The account of profile "${profile}" could not be found out.`, `Check that "${profile}" works (aws sts get-caller-identity --profile ${profile}).`, { profile });
  }
  if (learned.size > 0) {
    await updateState(paths.stateDir, (s) => {
      for (const [p, accountId] of learned) (s.accounts ??= {})[p] = { accountId, checkedAt: env.now().toISOString() };
    });
  }
  return regions.map((r) => ecrHostFor(account, r));
}
