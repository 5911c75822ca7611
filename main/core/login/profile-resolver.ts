// Which AWS profile logs in to an ECR registry: the user's explicit choice; else the profile named after the
// account id (the convention in Finch's documentation); else a profile whose account (and, preferably, region)
// match; else the user is asked. Accounts come from the profile itself where it says (role_arn, sso_account_id),
// else from STS GetCallerIdentity, remembered in the app state.
import type { SsoRoleBinding } from '../../../shared/types';
import { refusedByAwsCli, type AwsProfiles } from '../aws/profiles';
import type { Env } from '../env';
import { Failure } from '../failure';
import { accountCacheMs, type AppState } from '../state/app-state';
import { callerAccount, type CredentialsProvider } from './ecr-token';

export type Resolution =
  | { profile: string; how: 'bound' | 'named-after-account' | 'account-match' }
  | { sso: SsoRoleBinding; how: 'bound-role' | 'account-role' };

/** The account a profile names in its own settings, with no call to AWS. */
export function declaredAccount(details: Record<string, string> | undefined): string | null {
  if (!details) return null;
  if (details.sso_account_id && /^\d{12}$/.test(details.sso_account_id)) return details.sso_account_id;
  const arn = /^arn:[\w-]+:iam::(\d{12}):role\//.exec(details.role_arn ?? '');
  return arn ? arn[1]! : null;
}

export { accountCacheMs } from '../state/app-state';

export interface AccountLookup {
  /** The account of a profile, or null when it cannot be known without asking the user (MFA, SSO login …). */
  (profile: string): Promise<string | null>;
}

/**
 * Account lookups backed by the profile's own settings, the state's cache, then STS — each profile asked at most
 * once per lookup object (a batch of logins shares one).
 */
export function accountLookup(
  env: Env,
  aws: AwsProfiles,
  state: AppState,
  learned: Map<string, string>,
  credentials: (profile: string) => CredentialsProvider,
): AccountLookup {
  const asked = new Map<string, Promise<string | null>>();
  const lookup: AccountLookup = async (profile) => {
    const details = aws.details.get(profile);
    const declared = declaredAccount(details);
    if (declared) return declared;
    const cached = state.accounts?.[profile];
    if (cached && env.now().getTime() - Date.parse(cached.checkedAt) < accountCacheMs) return cached.accountId;
    // Asking STS would prompt for an MFA code or need an SSO login: not worth it for a guess.
    if (details?.mfa_serial || details?.sso_session || details?.sso_start_url) return null;
    try {
      const region = aws.profiles.find((p) => p.name === profile)?.region ?? 'us-east-1';
      const account = await callerAccount(env, profile, region, credentials(profile));
      learned.set(profile, account);
      return account;
    } catch {
      return null;
    }
  };
  return (profile) => {
    let answer = asked.get(profile);
    if (!answer) asked.set(profile, (answer = lookup(profile)));
    return answer;
  };
}

export async function resolveProfile(
  host: string,
  accountId: string,
  region: string,
  aws: AwsProfiles,
  state: AppState,
  lookup: AccountLookup,
  explicit?: string,
  boundRole?: SsoRoleBinding,
): Promise<Resolution> {
  const names = new Set(aws.profiles.map((p) => p.name));
  const chosen = explicit ?? state.registries[host]?.profile;
  if (chosen) {
    refuseBrokenAwsFiles(aws, host, chosen);
    if (!names.has(chosen)) {
      throw new Failure('profile-missing', `Profile "${chosen}" is not in your AWS files any more.`, 'Pick another profile for this registry.', { host });
    }
    return { profile: chosen, how: 'bound' };
  }
  if (boundRole) return { sso: boundRole, how: 'bound-role' };
  refuseBrokenAwsFiles(aws, host);
  if (names.has(accountId)) return { profile: accountId, how: 'named-after-account' };
  const accounts = await Promise.all(aws.profiles.map(async (p) => ({ p, account: await lookup(p.name) })));
  const sameAccount = accounts.filter((a) => a.account === accountId);
  const best = sameAccount.find((a) => a.p.region === region) ?? sameAccount[0];
  if (best) return { profile: best.p.name, how: 'account-match' };
  // No profile for the account, but a role picked for it in the account picker: use that.
  for (const [session, roles] of Object.entries(state.sso?.roles ?? {})) {
    const roleName = roles[accountId];
    if (roleName) return { sso: { session, accountId, roleName }, how: 'account-role' };
  }
  throw noProfileFor(host, accountId);
}

/**
 * The AWS CLI refuses every profile while either AWS file cannot be read or parsed ("Unable to parse config file";
 * aws/profiles.ts reports it as a problem of that file), so a login with a profile does too, before asking AWS:
 * the file named and what is wrong in it, rather than "profile not found" or a credentials error from the SDK.
 */
export function refuseBrokenAwsFiles(aws: Pick<AwsProfiles, 'problems'>, host: string, profile?: string): void {
  const trouble = aws.problems.find(refusedByAwsCli);
  if (!trouble) return;
  const withWhat = profile ? `with AWS profile "${profile}"` : `to ${host}`;
  throw new Failure('file-invalid', `Cannot log in ${withWhat}: ${trouble.file}: ${trouble.message}`, `Fix ${trouble.file} in a text editor, then try again. Finch Logins changes nothing in it.`, { host });
}

/** No profile is known to be in the registry's account: the window's picker takes the focus. */
export function noProfileFor(host: string, accountId: string): Failure {
  return new Failure(
    'needs-profile',
    `No AWS profile is known to belong to account ${accountId}.`,
    `Pick the profile to use for ${host}, or name a profile "${accountId}" in ~/.aws/config.`,
    { host, accountId },
  );
}
