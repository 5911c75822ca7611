// The identifiers that cross the contract, as closed lists: a check's id, a fix's id, an error's kind. The window,
// the tray and `finch-logins` branch on them, so a typo or a new one that a shell does not know about is a type
// error, not a silent fall-through. shared/schemas.ts validates requests against the same lists (z.enum).
// Plain data only: the preload and the renderer import this file.

/** Every health check, in the order the window and `finch-logins doctor` list them when all pass. */
export const checkIds = [
  'finch-installed',
  'finch-version',
  'finch-vm-running',
  'config-json-valid',
  'finch-yaml-valid',
  'creds-store-supported',
  'osxkeychain-helper',
  'plaintext-credentials',
  'ecr-login-helper',
  'ecr-login-config',
  'aws-config-valid',
  'aws-profiles-present',
  'helper-responds',
  'vm-restart-pending',
  'logins-expired',
] as const;
export type CheckId = (typeof checkIds)[number];

/** The fixes a check can offer (`finch-logins fix <id>`, the window's Fix buttons). */
export const fixIds = ['osxkeychain-setup', 'ecr-login-setup', 'migrate-plaintext', 'remove-unsupported-store', 'vm-restart'] as const;
export type FixId = (typeof fixIds)[number];

export function isFixId(id: string): id is FixId {
  return (fixIds as readonly string[]).includes(id);
}

/** The fix that restarts (or starts) the Finch VM: the window's VM panel and restart banner run it. */
export const vmRestartFixId = 'vm-restart' satisfies FixId;

/** Every kind of failure the core reports (main/core/failure.ts), grouped by where it comes from. */
export const errorKinds = [
  // The boundary itself.
  'invalid-request',
  'forbidden',
  'internal',
  // The window's side of it: no bridge (a page opened outside the app), or the bridge itself threw.
  'no-bridge',
  'bridge',
  // Input the user must give: the login waits for it (see inputNeededKinds).
  'needs-password',
  'needs-mfa',
  'needs-profile',
  'sso-login-needed',
  // Logins and logouts.
  'invalid-host',
  'invalid-input',
  'helper-managed',
  'profile-missing',
  'no-account',
  'unauthorized',
  'login-failed',
  'logout-failed',
  'vm-required',
  'needs-root',
  'finch-missing',
  'password-not-utf8',
  'keychain-failed',
  'timeout',
  'network',
  // Concurrency: finch said done but the read-back did not find it so; config.json keys put back after a batch.
  'not-stored',
  'logout-not-done',
  'config-keys-restored',
  // AWS.
  'access-denied',
  'invalid-credentials',
  'no-credentials',
  'aws-failed',
  'aws-cli-missing',
  'sso-login-failed',
  // IAM Identity Center signed in from the app (main/core/sso).
  'sso-session-ended',
  'sso-signed-out',
  'sso-session-missing',
  'sso-no-session',
  'sso-pick-session',
  'sso-bad-start-url',
  'sso-bad-region',
  'sso-not-a-portal',
  'sso-code-expired',
  'sso-sign-in-denied',
  'sso-cancelled',
  'sso-not-signing-in',
  'sso-role-denied',
  'sso-throttled',
  'sso-failed',
  // Credential helpers.
  'helper-missing',
  'helper-failed',
  // Fixes, undo and the files they write.
  'unknown-fix',
  'fix-not-applicable',
  'invalid-token',
  'changed-since-preview',
  'changed-since-fix',
  'file-unreadable',
  'file-invalid',
  'write-failed',
  'file-system',
  'undo-failed',
  'nothing-to-undo',
  'no-store',
  'helper-source-missing',
  'needs-admin',
  'admin-cancelled',
  'admin-failed',
  // Finch itself (a command that failed in a way no caller expects).
  'finch-failed',
  'finch-busy',
  // The VM.
  'no-vm',
  'vm-missing',
  'vm-busy',
  'vm-failed',
  'vm-timeout',
  // App state and settings.
  'state-busy',
  'unsupported',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/**
 * Failures only the user can resolve (a password, an MFA code, a profile, an SSO sign-in): "Log in to all" skips
 * them instead of reporting a failure, auto-renew waits for the user instead of retrying, and a notification asks.
 */
export const inputNeededKinds: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['needs-password', 'needs-mfa', 'needs-profile', 'sso-login-needed', 'sso-session-ended']);

/** Why a password is asked for: the window words its dialog after it. */
export type PasswordReason = 'no-username' | 'not-remembered' | 'keychain-empty';
