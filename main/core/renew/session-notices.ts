// An ended IAM Identity Center session is said once: by the app's round of refreshes (even when no registry of it
// renews by itself), or by the first auto-renew that meets it, whichever comes first — and not again, by either,
// until the session is signed in again. What has been said is a set of session ids the shell keeps between calls.
import type { LoginOutcome } from '../../../shared/types';
import type { SessionRound } from '../sso/sso-service';
import { endedSessionOf, renewNotifications, type NotificationSpec } from './notification-model';

/** Sessions already announced as ended. */
export type Announced = ReadonlySet<string>;

export interface Announcement {
  specs: NotificationSpec[];
  announced: Announced;
}

/** The notice for a session the round of refreshes found ended. */
export function sessionEndedNotification(ended: SessionRound['ended'][number]): NotificationSpec {
  return { title: 'IAM Identity Center sign-in needed', body: `${ended.message} Click to sign in again.`, host: null, reason: 'input-needed', session: ended.session };
}

/** After a round of refreshes: a session signed in again is forgotten; one newly ended is said. */
export function refreshRoundNotices(announced: Announced, round: SessionRound): Announcement {
  const kept = new Set([...announced].filter((id) => !round.live.includes(id)));
  const fresh = round.ended.filter((e) => !kept.has(e.session));
  return { specs: fresh.map(sessionEndedNotification), announced: new Set([...kept, ...fresh.map((e) => e.session)]) };
}

/** After an auto-renew run: its notifications, less the logins of sessions already said to have ended. */
export function renewRoundNotices(announced: Announced, reports: readonly { outcome: LoginOutcome; failures: number }[]): Announcement {
  const unsaid = reports.filter((r) => {
    const session = endedSessionOf(r.outcome);
    return !session || !announced.has(session);
  });
  const said = unsaid.filter((r) => r.failures === 1).map((r) => endedSessionOf(r.outcome));
  return { specs: renewNotifications(unsaid), announced: new Set([...announced, ...said.filter((s): s is string => s !== null)]) };
}
