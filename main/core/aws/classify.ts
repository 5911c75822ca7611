// Which way the AWS CLI would get credentials for a profile: the first provider in botocore's chain
// (botocore/credentials.py create_credential_resolver) whose settings are present decides.
import type { ProfileType } from '../../../shared/types';
import type { IniValue } from './ini';

type Settings = ReadonlyMap<string, IniValue>;

/** Python truthiness, as botocore tests some settings with `if not value`. */
function truthy(v: IniValue | undefined): boolean {
  return typeof v === 'string' ? v !== '' : v !== undefined && Object.keys(v).length > 0;
}

/**
 * `merged` is the profile as the CLI sees it (credentials file over config file); `credentialsSection` is its
 * section in the credentials file alone, because static keys there outrank credential_process but keys in the
 * config file do not.
 */
export function classifyProfile(merged: Settings, credentialsSection: Settings | undefined): ProfileType {
  // Order: role_arn (AssumeRole, or web identity) → sso_account_id/sso_role_name → credentials-file keys
  // → credential_process → config-file keys; then a profile with only an SSO session/start URL (used for
  // `aws sso login`, yields no role credentials) still shows as sso rather than other.
  if (merged.has('role_arn') && !merged.has('web_identity_token_file')) return 'assume-role';
  if (truthy(merged.get('web_identity_token_file'))) return 'assume-role';
  if (merged.has('sso_account_id') || merged.has('sso_role_name')) return 'sso';
  if (credentialsSection?.has('aws_access_key_id')) return 'static';
  if (merged.has('credential_process')) return 'process';
  if (merged.has('aws_access_key_id')) return 'static';
  if (merged.has('sso_session') || merged.has('sso_start_url')) return 'sso';
  return 'other';
}
