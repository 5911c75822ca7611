// AWS SDK errors in plain words, with the next step. Messages quote AWS where AWS says what is wrong, but never
// a key or token (the SDK does not put them in messages).
import { Failure } from '../failure';

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The profile's SSO session is missing or over: the window offers "Run aws sso login". */
export function ssoLoginNeeded(profile: string): Failure {
  return new Failure('sso-login-needed', `The AWS SSO session of profile "${profile}" is missing or has expired.`, `Run: aws sso login --profile ${profile}`, { profile });
}

export function classifyAwsError(e: unknown, profile: string, what: string): Failure {
  if (e instanceof Failure) return e; // already in plain words (e.g. from IAM Identity Center role credentials)
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? '';
  const message = err.message ?? String(e);
  const m = message.toLowerCase();
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || /not authorized to perform/.test(m)) {
    const action = /perform:?\s+([\w-]+:[\w*]+)/i.exec(message)?.[1] ?? 'ecr:GetAuthorizationToken';
    return new Failure('access-denied', `AWS denied ${action} to profile "${profile}": ${message}`, `Ask your AWS administrator to allow ${action} for this identity, or pick another profile.`, { profile, action });
  }
  if (/sso/.test(m) && /(expired|invalid|refresh|token|aws sso login)/.test(m)) {
    return ssoLoginNeeded(profile);
  }
  if (/requires multi-factor authentication|mfa code/.test(m)) {
    return new Failure('needs-mfa', `Profile "${profile}" needs an MFA code.`, 'Enter the current code from your MFA device.', { profile });
  }
  if (['ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'InvalidSignatureException'].includes(name)) {
    return new Failure('invalid-credentials', `AWS rejected the credentials of profile "${profile}" (${name}): ${message}`, `Refresh the keys of "${profile}" (aws configure --profile ${profile}), then try again.`, { profile });
  }
  if (name === 'CredentialsProviderError' || /could not resolve credentials|could not be found|credential_process|no credentials|profile .* not found/.test(m)) {
    return new Failure('no-credentials', `Profile "${profile}" gives no AWS credentials: ${message}`, `Check ~/.aws/config and ~/.aws/credentials for "${profile}" (aws configure --profile ${profile}).`, { profile });
  }
  if (/econnrefused|enotfound|etimedout|eai_again|socket hang up|networkingerror|timeouterror|getaddrinfo/.test(m + ' ' + (err.code ?? '') + ' ' + name.toLowerCase())) {
    return new Failure('network', `AWS could not be reached to ${what}: ${message}`, 'Check your network, proxy or VPN, then try again.');
  }
  return new Failure('aws-failed', `AWS could not ${what} for profile "${profile}": ${message}`, `Check the profile with: aws sts get-caller-identity --profile ${profile}`, { profile });
}
