// IAM Identity Center failures in plain words, each with the next step. The SDK's OIDC errors carry the OAuth code in
// `error` (authorization_pending, slow_down, expired_token, access_denied, invalid_grant …, see the model in
// @aws-sdk/client-sso-oidc); portal errors are named UnauthorizedException, ForbiddenException …
// Never a token in a message: the SDK does not put them there and neither do we.
import { Failure } from '../failure';
import { sessionLabel, type SsoSession } from './sso-sessions';

interface SdkError {
  name?: string;
  code?: string;
  error?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const networkPattern = /econnrefused|enotfound|etimedout|eai_again|econnreset|socket hang up|networkingerror|timeouterror|getaddrinfo|fetch failed/;

export function isNetworkError(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  return networkPattern.test(`${err.message ?? ''} ${err.code ?? ''} ${err.name ?? ''}`.toLowerCase());
}

/** How to sign in again from a terminal (the window offers a button). */
export function signInCommand(s: Pick<SsoSession, 'name' | 'startUrl'>): string {
  return `finch-logins sso login --session ${s.name ?? s.startUrl}`;
}

export function sessionEnded(s: Pick<SsoSession, 'id' | 'name' | 'startUrl'>, why = 'has ended (it expired or was signed out)'): Failure {
  return new Failure('sso-session-ended', `Your IAM Identity Center session ${sessionLabel(s)} ${why}.`, `Sign in again (${signInCommand(s)}).`, { session: s.id });
}

export function offline(s: Pick<SsoSession, 'region'>): Failure {
  return new Failure('network', `IAM Identity Center (${s.region}) could not be reached.`, 'Check your network, proxy or VPN, then try again.');
}

/** A failure of the sign-in itself (register, device authorization, token polling). */
export function signInFailure(e: unknown, s: SsoSession): Failure {
  if (e instanceof Failure) return e;
  if (isNetworkError(e)) return offline(s);
  const err = (e ?? {}) as SdkError;
  switch (err.name) {
    case 'InvalidRequestException':
    case 'InvalidRequestRegionException':
      return new Failure(
        'sso-not-a-portal',
        `${s.startUrl} is not an IAM Identity Center start URL in ${s.region}: the sign-in service refused it.`,
        'Copy the AWS access portal URL and its region from IAM Identity Center (Settings → Identity source), or from ~/.aws/config.',
        { session: s.id },
      );
    case 'ExpiredTokenException':
      return new Failure('sso-code-expired', 'The sign-in code expired before it was approved in the browser (was the browser closed?).', 'Sign in again: a new code is shown.', { session: s.id });
    case 'AccessDeniedException':
      return new Failure('sso-sign-in-denied', 'The sign-in was denied in the browser.', 'Sign in again and choose Allow.', { session: s.id });
    default:
      return new Failure('sso-failed', `IAM Identity Center refused the sign-in (${err.name ?? 'error'}): ${err.message ?? String(e)}`, 'Try again; if it keeps failing, try `aws sso login` to compare.', { session: s.id });
  }
}

/** A failure of a portal call (ListAccounts, ListAccountRoles, GetRoleCredentials). */
export function portalFailure(e: unknown, s: SsoSession, role?: { accountId: string; roleName: string }): Failure {
  if (e instanceof Failure) return e;
  if (isNetworkError(e)) return offline(s);
  const err = (e ?? {}) as SdkError;
  if (err.name === 'UnauthorizedException') return sessionEnded(s);
  if (role && (err.name === 'ForbiddenException' || err.$metadata?.httpStatusCode === 403 || err.name === 'ResourceNotFoundException')) {
    return new Failure(
      'sso-role-denied',
      `IAM Identity Center does not let you use role ${role.roleName} in account ${role.accountId}.`,
      'Pick another role for this account, or ask your administrator to assign you this one.',
      { session: s.id, accountId: role.accountId, roleName: role.roleName },
    );
  }
  if (err.name === 'TooManyRequestsException') return new Failure('sso-throttled', 'IAM Identity Center is asking for fewer requests.', 'Wait a minute, then try again.');
  return new Failure('sso-failed', `IAM Identity Center failed (${err.name ?? 'error'}): ${err.message ?? String(e)}`, 'Try again in a moment.', { session: s.id });
}
