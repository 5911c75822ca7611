// Domain types that cross the boundary: the status snapshot every shell (window, tray, CLI) renders.
// Plain data only: nothing here may hold a secret.
import type { CheckId, ErrorKind, FixId, PasswordReason } from './ids';

export type Platform = 'darwin' | 'linux' | 'win32';
export type VmStatus = 'running' | 'stopped' | 'nonexistent' | 'unknown';
export type RegistryKind = 'ecr' | 'ecr-public' | 'docker-hub' | 'other';
/** Where docker/nerdctl would take this registry's credentials from, in docker's order of precedence. */
export type AuthSource = 'cred-helper' | 'creds-store' | 'plaintext' | 'none';
export type LoginState = 'logged-in' | 'expiring' | 'expired' | 'logged-out' | 'unknown';
export type ProfileType = 'static' | 'sso' | 'assume-role' | 'process' | 'other';

export interface FinchInfo {
  path: string | null;
  version: string | null;
  vm: VmStatus;
  configFile: string;
  yamlFile: string;
  credsStore: string | null;
  credHelpers: Record<string, string>;
  yamlCredsHelpers: string[];
  /**
   * Linux, not root: config.json is root's and cannot be read here. Its logins show as unknown; logging in still
   * works (finch runs as root). Not a problem to fix: the state of a normal desktop user.
   */
  configNeedsRoot?: boolean;
  /**
   * config.json exists but cannot be understood (the problems say where and why): its credsStore and logins are
   * unknown, and nothing that would change it runs until it is fixed (shared/config-file.ts, the gate in
   * main/core/finch/config-gate.ts).
   */
  configInvalid?: true;
}

export interface Registry {
  host: string;
  kind: RegistryKind;
  accountId?: string;
  region?: string;
  auth: AuthSource;
  helper?: string;
  username?: string;
  profile: string | null;
  expiresAt: string | null;
  state: LoginState;
  /** Logs in with an IAM Identity Center role (added from the account picker) instead of a profile. */
  sso?: SsoRoleBinding;
  /**
   * config.json also holds a password or token for this registry in plain text, but a credential helper or the
   * credsStore answers for it, so docker and Finch never read that copy (docker/cli configfile GetCredentialsStore:
   * credHelpers, then credsStore, the file only when neither is set). `state` is what the helper or store holds.
   */
  plaintextShadowed?: true;
}

export interface Profile {
  name: string;
  region: string | null;
  type: ProfileType;
  /**
   * The account, where known without asking AWS: `sso_account_id`, the account in `role_arn`, or the one STS named
   * for it (remembered for a week after a login).
   */
  accountId?: string;
  /** The role it signs in as: `sso_role_name`, or the role name in `role_arn`. */
  roleName?: string;
  /** IAM Identity Center: the `sso_session` it uses, or its `sso_start_url`. */
  ssoSession?: string;
  /**
   * Logging in asks for an MFA code: `mfa_serial` on the profile's `role_arn`, or on a role it assumes from through
   * `source_profile` (the AWS SDK's resolveAssumeRoleCredentials reads it there, and only there).
   */
  mfa?: true;
}

export interface Problem {
  file: string;
  message: string;
}

export interface Status {
  platform: Platform;
  finch: FinchInfo;
  registries: Registry[];
  profiles: Profile[];
  problems: Problem[];
}

/** Every failure that crosses the boundary: a kind the UI can branch on, words for the user, and the next step. */
export interface AppError {
  kind: ErrorKind;
  message: string;
  hint?: string;
  /** Extra facts for the UI to act on (e.g. the profile an SSO login needs). Never a secret. */
  detail?: ErrorDetail;
}

/** The facts a failure carries for the shells to act on, so none of them has to read its message. */
export interface ErrorDetail {
  /** The registry the failure is about. */
  host?: string;
  /** The AWS profile that was used or is needed (sso-login-needed: the one to sign in with). */
  profile?: string;
  /** needs-profile: the account no profile is known to belong to. */
  accountId?: string;
  /** access-denied: the AWS action that was refused. */
  action?: string;
  /** needs-password: why the password is asked for. */
  reason?: PasswordReason;
  /** sso-*: the IAM Identity Center session (`session:NAME` or `url:START_URL`) to sign in to again. */
  session?: string;
  /** sso-role-denied, access-denied with a role: the IAM Identity Center role that was refused. */
  roleName?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** A login asked for by the user. The password is sent once and then only reaches finch's stdin or the keychain. */
export interface LoginRequest {
  host: string;
  /** ECR / ECR Public: the AWS profile to use (and remember for this registry). */
  profile?: string;
  username?: string;
  password?: string;
  /** Remember the password in the keychain for one-click re-login. */
  remember?: boolean;
  mfaCode?: string;
}

export interface LoginOutcome {
  host: string;
  result: 'logged-in' | 'failed' | 'skipped';
  /** For ECR: the profile that was used. */
  profile?: string;
  /** For ECR: the IAM Identity Center role that was used (instead of a profile). */
  sso?: SsoRoleBinding;
  expiresAt?: string | null;
  error?: AppError;
  /** Logged in, but something around it did not work (e.g. the password could not be remembered). */
  warning?: AppError;
}

export interface LogoutRequest {
  host: string;
  /** Also forget the password remembered in the keychain. */
  forget?: boolean;
}

export type CheckStatus = 'ok' | 'warn' | 'error' | 'skipped';

/** A check's result. `Id` is the closed list of real checks; the runner's tests hand it their own. */
export interface Check<Id extends string = CheckId> {
  id: Id;
  title: string;
  status: CheckStatus;
  /** What is wrong, why it matters and what to do (or, when ok, what was found). */
  detail: string;
  fix?: { id: FixId; label: string };
}

export interface FileChange {
  file: string;
  /** Unified diff of the change; secrets are masked in it. */
  diff: string;
  /** True when the file does not exist yet. */
  creates: boolean;
}

export interface FixPreview {
  fixId: FixId;
  title: string;
  /** Why this change, in words (e.g. why not `credsStore: ecr-login`). */
  explanation: string;
  changes: FileChange[];
  /** Commands that will run, for the user to read (no secrets). */
  commands: string[];
  /** After applying, the VM must restart for Finch to pick the change up. */
  needsVmRestart: boolean;
  /** Handed back to applyFix: the preview is applied only if the files are still as previewed. */
  token: string;
}

export interface FixResult {
  fixId: FixId;
  applied: boolean;
  /** False when part of the work failed (a login its store would not take): the fix failed, whatever was applied. */
  complete: boolean;
  message: string;
  /** The check the fix was for, rerun after applying. */
  check?: Check;
  needsVmRestart: boolean;
}

export interface UndoResult {
  restored: string[];
  message: string;
  /** What the fix did outside the files and Undo left as it is (e.g. passwords it stored in a keychain). */
  leftAsIs?: string;
}

/** "Copy diagnostics": the text (versions, check results, recent log) and whether main put it on the clipboard. */
export interface Diagnostics {
  text: string;
  copied: boolean;
}

export interface VmLogLine {
  line: string;
  stream: 'stdout' | 'stderr' | 'info';
}

// ---- IAM Identity Center (SSO) ------------------------------------------------------------------------------------

/** An IAM Identity Center role in an account, reached through one session (`session:NAME` or `url:START_URL`). */
export interface SsoRoleBinding {
  session: string;
  accountId: string;
  roleName: string;
}

export type SsoSessionSource = 'sso-session' | 'profile' | 'typed';
export type SsoSessionState = 'signed-in' | 'expired' | 'signed-out';

/** A session the user can sign in to, and whether they are. Never the token. */
export interface SsoSessionInfo {
  id: string;
  /** The sso-session name, or the start URL's host. */
  label: string;
  startUrl: string;
  region: string;
  source: SsoSessionSource;
  /** Profiles in ~/.aws/config that use it. */
  profiles: string[];
  state: SsoSessionState;
  expiresAt: string | null;
  /** The session renews itself (refresh token) without the browser until it truly ends. */
  canRefresh: boolean;
}

/** What the user needs to approve a sign-in in the browser. */
export interface SsoAuthorization {
  session: string;
  userCode: string;
  verificationUri: string;
  expiresAt: string;
}

export interface SsoAccountInfo {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
  /** The role picked for this account before (remembered), if it is still one of `roles`. */
  role: string | null;
}

export interface SsoAccounts {
  session: string;
  fetchedAt: string;
  accounts: SsoAccountInfo[];
}
