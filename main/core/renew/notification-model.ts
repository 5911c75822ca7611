// What to tell the user after logins made without them (auto-renew) or from the tray: nothing when all went well;
// one notification per login that failed or needs them (an MFA code, an SSO sign-in, a password, a profile);
// one summary when several do, so a bad morning is one notification, not six. Clicking opens the window at the
// registry (`host`), or at the list when the notification is about several.
import { inputNeededKinds } from '../../../shared/ids';
import type { LoginOutcome } from '../../../shared/types';
import { registryName } from './registry-name';

export interface NotificationSpec {
  title: string;
  body: string;
  /** The registry to show when the notification is clicked; null for the registry list. */
  host: string | null;
  reason: 'input-needed' | 'failed' | 'info';
  /** An ended IAM Identity Center session (`detail.session`): said once for all the registries that use it. */
  session?: string;
}

export type LoginOrigin = 'renew' | 'tray';

/** More failures than this in one run become one summary notification. */
export const maxSeparateNotifications = 2;

export function needsInput(outcome: LoginOutcome): boolean {
  return !!outcome.error && inputNeededKinds.has(outcome.error.kind);
}

/** The notification for one login, or null when there is nothing to say. */
export function loginNotification(outcome: LoginOutcome, origin: LoginOrigin): NotificationSpec | null {
  if (outcome.result === 'logged-in' || !outcome.error) return null;
  // Skipped for a reason that is not the user's to fix (a helper fetches the tokens itself): stay quiet.
  if (outcome.result === 'skipped' && !needsInput(outcome)) return null;
  const name = registryName(outcome.host);
  const { kind, message, detail } = outcome.error;
  const couldNot = origin === 'renew' ? 'Finch Logins could not renew this login by itself.' : 'Finch Logins needs you to log in.';
  const host = outcome.host;
  switch (kind) {
    case 'needs-mfa':
      return { title: `${name}: MFA code needed`, body: `${couldNot} Click to enter the code from your MFA device${detail?.profile ? ` for profile "${detail.profile}"` : ''}.`, host, reason: 'input-needed' };
    case 'sso-login-needed':
      return { title: `${name}: AWS sign-in needed`, body: `${couldNot} The AWS SSO session${detail?.profile ? ` of profile "${detail.profile}"` : ''} has ended: click to sign in again.`, host, reason: 'input-needed' };
    case 'sso-session-ended':
      return { title: `${name}: IAM Identity Center sign-in needed`, body: `${couldNot} ${message} Click to sign in again.`, host, reason: 'input-needed' };
    case 'needs-password':
      return { title: `${name}: password needed`, body: `${couldNot} Click to enter the password or access token.`, host, reason: 'input-needed' };
    case 'needs-profile':
      return { title: `${name}: choose an AWS profile`, body: `${couldNot} Click to pick the profile to log in with.`, host, reason: 'input-needed' };
    default:
      return {
        title: origin === 'renew' ? `Could not renew ${name}` : `Could not log in to ${name}`,
        body: message,
        host,
        reason: 'failed',
      };
  }
}

/** The IAM Identity Center session a login failed for because the session has ended, if that is why it failed. */
export function endedSessionOf(outcome: LoginOutcome): string | null {
  return outcome.error?.kind === 'sso-session-ended' && outcome.error.detail?.session ? outcome.error.detail.session : null;
}

/** One notification for the logins of one ended session: one sign-in mends them all. */
function sessionNotification(session: string, outcomes: readonly LoginOutcome[], origin: LoginOrigin): NotificationSpec | null {
  if (outcomes.length === 1) {
    const spec = loginNotification(outcomes[0]!, origin);
    return spec && { ...spec, session };
  }
  const names = outcomes.map((o) => registryName(o.host));
  const couldNot = origin === 'renew' ? 'Finch Logins could not renew these logins by itself.' : 'Finch Logins needs you to log in.';
  return {
    title: 'IAM Identity Center sign-in needed',
    body: `${couldNot} ${outcomes[0]!.error!.message} It logs in to ${listed(names)}. Click to sign in again.`,
    host: null,
    reason: 'input-needed',
    session,
  };
}

/** "a, b, c and 2 more" */
function listed(names: readonly string[]): string {
  return `${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
}

/** The notifications for a batch of logins (an auto-renew run, or "Log in to all" from the tray). */
export function loginNotifications(outcomes: readonly LoginOutcome[], origin: LoginOrigin): NotificationSpec[] {
  // Logins of one ended session are said together, where the first of them stands.
  const groups = new Map<string, LoginOutcome[]>();
  outcomes.forEach((o, i) => {
    const key = endedSessionOf(o) ?? `#${i}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  });
  const said = [...groups]
    .map(([key, group]) => ({ group, spec: key.startsWith('#') ? loginNotification(group[0]!, origin) : sessionNotification(key, group, origin) }))
    .filter((s): s is { group: LoginOutcome[]; spec: NotificationSpec } => s.spec !== null);
  const specs = said.map((s) => s.spec);
  if (specs.length <= maxSeparateNotifications) return specs;
  // The summary counts and names logins, not notifications (one session's notification stands for several).
  const names = said.flatMap((s) => s.group.map((o) => registryName(o.host)));
  const allInput = specs.every((s) => s.reason === 'input-needed');
  return [
    {
      title: allInput ? `${names.length} logins need you` : `${names.length} logins ${origin === 'renew' ? 'could not be renewed' : 'failed'}`,
      body: `${listed(names)}. Click to open Finch Logins.`,
      host: null,
      reason: allInput ? 'input-needed' : 'failed',
    },
  ];
}

/**
 * The notifications for one auto-renew run. A login that keeps failing (offline for an hour) is retried with
 * backoff, but the user hears about it once: on its first failure.
 */
export function renewNotifications(reports: readonly { outcome: LoginOutcome; failures: number }[]): NotificationSpec[] {
  return loginNotifications(reports.filter((r) => r.failures === 1).map((r) => r.outcome), 'renew');
}
