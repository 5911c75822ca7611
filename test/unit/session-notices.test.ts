// An ended IAM Identity Center session is said once per session, not once per registry, and also when no registry
// of it renews by itself (the app's round of refreshes finds it); said again only after the user signed in again.
import { describe, expect, it } from 'vitest';
import { routeUndelivered, type Notice } from '../../main/app/notice-model';
import { loginNotifications } from '../../main/core/renew/notification-model';
import { refreshRoundNotices, renewRoundNotices, type Announced } from '../../main/core/renew/session-notices';
import type { LoginOutcome } from '../../shared/types';

const host = (account: string) => `${account}.dkr.ecr.eu-west-1.amazonaws.com`;
const endedMessage = (name: string) => `Your IAM Identity Center session ${name} has ended (it expired or was signed out).`;
const ended = (account: string, session = 'corp'): LoginOutcome => ({
  host: host(account),
  result: 'failed',
  error: { kind: 'sso-session-ended', message: endedMessage(session), hint: 'Sign in again.', detail: { session: `session:${session}` } },
});
const denied = (account: string): LoginOutcome => ({ host: host(account), result: 'failed', error: { kind: 'access-denied', message: 'AWS denied it.' } });
const first = (outcome: LoginOutcome) => ({ outcome, failures: 1 });
const none: Announced = new Set();

describe('logins of one ended session', () => {
  it('are one notification naming its registries, not one per registry; other failures keep their own', () => {
    const specs = loginNotifications([ended('111111111111'), denied('333333333333'), ended('222222222222')], 'renew');
    expect(specs).toEqual([
      {
        title: 'IAM Identity Center sign-in needed',
        body: `Finch Logins could not renew these logins by itself. ${endedMessage('corp')} It logs in to ECR 111111111111 (eu-west-1), ECR 222222222222 (eu-west-1). Click to sign in again.`,
        host: null,
        reason: 'input-needed',
        session: 'session:corp',
      },
      expect.objectContaining({ title: 'Could not renew ECR 333333333333 (eu-west-1)', host: host('333333333333') }),
    ]);
    // Two sessions: two notifications. One registry: its own notification, which opens it.
    const two = loginNotifications([ended('111111111111'), ended('222222222222', 'lab'), ended('444444444444')], 'tray');
    expect(two.map((s) => [s.session, s.host])).toEqual([['session:corp', null], ['session:lab', host('222222222222')]]);
    expect(two[1]!.title).toBe('ECR 222222222222 (eu-west-1): IAM Identity Center sign-in needed');
  });

  it('count as logins in a summary: four logins, three notifications', () => {
    const outcomes = [ended('111111111111'), ended('222222222222'), denied('333333333333'), denied('444444444444')];
    expect(loginNotifications(outcomes, 'renew')).toEqual([
      {
        title: '4 logins could not be renewed',
        body: 'ECR 111111111111 (eu-west-1), ECR 222222222222 (eu-west-1), ECR 333333333333 (eu-west-1) and 1 more. Click to open Finch Logins.',
        host: null,
        reason: 'failed',
      },
    ]);
  });
});

describe('an ended session is said once', () => {
  it('by auto-renew: the first run that meets it, not the next runs, nor the round of refreshes', () => {
    const a = renewRoundNotices(none, [first(ended('111111111111')), first(ended('222222222222'))]);
    expect(a.specs).toHaveLength(1);
    expect(a.specs[0]).toMatchObject({ session: 'session:corp', host: null });
    expect([...a.announced]).toEqual(['session:corp']);
    // Another registry of the same session meets it later: nothing more is said; other failures still are.
    const b = renewRoundNotices(a.announced, [first(ended('555555555555')), first(denied('333333333333'))]);
    expect(b.specs.map((s) => s.title)).toEqual(['Could not renew ECR 333333333333 (eu-west-1)']);
    const c = refreshRoundNotices(b.announced, { ended: [{ session: 'session:corp', message: endedMessage('corp') }], live: [] });
    expect(c.specs).toEqual([]);
    expect([...c.announced]).toEqual(['session:corp']);
  });

  it('by the round of refreshes when no registry renews by itself; then not by auto-renew; again after a new sign-in', () => {
    const round = { ended: [{ session: 'session:lab', message: endedMessage('lab') }], live: ['session:corp'] };
    const a = refreshRoundNotices(none, round);
    expect(a.specs).toEqual([
      { title: 'IAM Identity Center sign-in needed', body: `${endedMessage('lab')} Click to sign in again.`, host: null, reason: 'input-needed', session: 'session:lab' },
    ]);
    expect(refreshRoundNotices(a.announced, round).specs).toEqual([]); // five minutes later: still ended, not said again
    expect(renewRoundNotices(a.announced, [first(ended('222222222222', 'lab'))]).specs).toEqual([]);
    // Signed in again (live), then ended again: said again.
    const again = refreshRoundNotices(refreshRoundNotices(a.announced, { ended: [], live: ['session:lab'] }).announced, round);
    expect(again.specs.map((s) => s.session)).toEqual(['session:lab']);
  });

  it('a session that is neither live nor ended this round (no refresh token left) stays said', () => {
    const a = refreshRoundNotices(none, { ended: [{ session: 'session:corp', message: endedMessage('corp') }], live: [] });
    const quiet = refreshRoundNotices(a.announced, { ended: [], live: [] });
    expect([...quiet.announced]).toEqual(['session:corp']);
    expect(renewRoundNotices(quiet.announced, [first(ended('111111111111'))]).specs).toEqual([]);
  });

  it('not shown by the system: each ended session waits as its own line in the tray menu', () => {
    const { specs } = refreshRoundNotices(none, {
      ended: [{ session: 'session:corp', message: endedMessage('corp') }, { session: 'session:lab', message: endedMessage('lab') }],
      live: [],
    });
    const lines = specs.reduce<readonly Notice[]>((notices, spec) => routeUndelivered('background', spec, notices).notices, []);
    expect(lines.map((n) => n.title)).toEqual(['IAM Identity Center sign-in needed', 'IAM Identity Center sign-in needed']);
    expect(new Set(lines.map((n) => n.id)).size).toBe(2);
  });
});
