// The auto-renew scheduler on fake timers: it logs in when a renewal falls due, never earlier, backs off on
// failures, waits for the user when input is needed, and reports each attempt once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renewNotifications } from '../../main/core/renew/notification-model';
import { createRenewer, type RenewReport } from '../../main/core/renew/renewer';
import { minute, type RenewPolicy } from '../../main/core/renew/schedule';
import type { LoginOutcome, Registry } from '../../shared/types';

const t0 = Date.parse('2025-06-01T12:00:00Z');
const ecrA = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ecrB = '210987654321.dkr.ecr.us-east-1.amazonaws.com';
const all: RenewPolicy = { all: true, hosts: [], leadMs: 30 * minute };
const iso = (ms: number) => new Date(ms).toISOString();
const reg = (host: string, expiresAt: number): Registry => ({
  host, kind: 'ecr', auth: 'creds-store', helper: 'osxkeychain', profile: 'dev', expiresAt: iso(expiresAt), state: 'logged-in',
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(t0);
});
afterEach(() => vi.useRealTimers());

function harness(answer: (host: string) => LoginOutcome | Promise<LoginOutcome>) {
  const login = vi.fn(async (host: string) => answer(host));
  const runs: RenewReport[][] = [];
  const renewer = createRenewer({ login, onReports: (r) => runs.push(r) });
  return { login, runs, renewer };
}

describe('auto-renew scheduler', () => {
  it('renews 30 minutes before expiry, not a moment earlier', async () => {
    const { login, runs, renewer } = harness((host) => ({ host, result: 'logged-in', expiresAt: iso(Date.now() + 12 * 60 * minute) }));
    renewer.update([reg(ecrA, t0 + 2 * 60 * minute)], all);
    await vi.advanceTimersByTimeAsync(89 * minute + 59_000);
    expect(login).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(login).toHaveBeenCalledExactlyOnceWith(ecrA);
    expect(runs).toEqual([[{ host: ecrA, outcome: expect.objectContaining({ result: 'logged-in' }), failures: 0 }]]);
    // Success is silent.
    expect(renewNotifications(runs[0]!)).toEqual([]);
    renewer.stop();
  });

  it('wakes at least every 5 minutes, so a night asleep does not delay a renewal', () => {
    const { renewer } = harness((host) => ({ host, result: 'logged-in' }));
    renewer.update([reg(ecrA, t0 + 10 * 60 * minute)], all);
    expect(renewer.nextWakeAt()).toBe(t0 + 5 * minute);
    renewer.stop();
    expect(renewer.nextWakeAt()).toBeNull();
  });

  it('does nothing for registries not opted in', async () => {
    const { login, renewer } = harness((host) => ({ host, result: 'logged-in' }));
    renewer.update([reg(ecrA, t0 + 10 * minute)], { all: false, hosts: [ecrB], leadMs: 30 * minute });
    expect(renewer.nextWakeAt()).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * minute);
    expect(login).not.toHaveBeenCalled();
  });

  it('renews due logins one after another, and does not renew again before the status shows the new expiry', async () => {
    const order: string[] = [];
    const { login, renewer } = harness(async (host) => {
      order.push(`start ${host}`);
      await new Promise((r) => setTimeout(r, 1_000));
      order.push(`end ${host}`);
      return { host, result: 'logged-in' };
    });
    renewer.update([reg(ecrA, t0 + 10 * minute), reg(ecrB, t0 + 20 * minute)], all);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(order).toEqual([`start ${ecrA}`, `end ${ecrA}`, `start ${ecrB}`, `end ${ecrB}`]);
    // The status has not caught up yet (same old expiry): no second renewal for the settle time.
    await vi.advanceTimersByTimeAsync(9 * minute);
    expect(login).toHaveBeenCalledTimes(2);
    // The new status arrives with the new expiries: next renewal planned from them.
    renewer.update([reg(ecrA, Date.now() + 12 * 60 * minute), reg(ecrB, Date.now() + 12 * 60 * minute)], all);
    expect(renewer.nextWakeAt()).toBe(Date.now() + 5 * minute);
    renewer.stop();
  });

  it('retries a failing renewal with backoff and notifies once', async () => {
    const { login, runs, renewer } = harness((host) => ({ host, result: 'failed', error: { kind: 'network', message: 'getaddrinfo ENOTFOUND api.ecr.eu-west-1.amazonaws.com' } }));
    renewer.update([reg(ecrA, t0 + 20 * minute)], all);
    await vi.advanceTimersByTimeAsync(0);
    expect(login).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5 * minute);
    expect(login).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(login).toHaveBeenCalledTimes(3);
    expect(runs.map((r) => r[0]!.failures)).toEqual([1, 2, 3]);
    const notified = runs.flatMap((r) => renewNotifications(r));
    expect(notified).toEqual([
      { title: 'Could not renew ECR 123456789012 (eu-west-1)', body: 'getaddrinfo ENOTFOUND api.ecr.eu-west-1.amazonaws.com', host: ecrA, reason: 'failed' },
    ]);
    renewer.stop();
  });

  it('waits for the user when an MFA code or an SSO sign-in is needed, until the login changes', async () => {
    const { login, runs, renewer } = harness((host) => ({ host, result: 'failed', error: { kind: 'sso-login-needed', message: 'SSO', detail: { profile: 'dev' } } }));
    renewer.update([reg(ecrA, t0 + 20 * minute)], all);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(24 * 60 * minute);
    expect(login).toHaveBeenCalledTimes(1);
    expect(renewNotifications(runs[0]!)).toEqual([
      {
        title: 'ECR 123456789012 (eu-west-1): AWS sign-in needed',
        body: 'Finch Logins could not renew this login by itself. The AWS SSO session of profile "dev" has ended: click to sign in again.',
        host: ecrA,
        reason: 'input-needed',
      },
    ]);
    // The user signed in and logged in again: the new login is scheduled as usual.
    renewer.update([reg(ecrA, Date.now() + 60 * minute)], all);
    await vi.advanceTimersByTimeAsync(30 * minute);
    expect(login).toHaveBeenCalledTimes(2);
    renewer.stop();
  });

  it('re-plans when the settings change', async () => {
    const { login, renewer } = harness((host) => ({ host, result: 'logged-in' }));
    const regs = [reg(ecrA, t0 + 60 * minute)];
    renewer.update(regs, { all: false, hosts: [], leadMs: 30 * minute });
    await vi.advanceTimersByTimeAsync(40 * minute);
    expect(login).not.toHaveBeenCalled();
    renewer.update(regs, { all: false, hosts: [ecrA], leadMs: 30 * minute });
    await vi.advanceTimersByTimeAsync(0);
    expect(login).toHaveBeenCalledTimes(1);
    renewer.stop();
  });

  it('survives a login that throws', async () => {
    const { runs, renewer } = harness(() => Promise.reject(new Error('boom')));
    renewer.update([reg(ecrA, t0 + 10 * minute)], all);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs[0]![0]!.outcome).toEqual({ host: ecrA, result: 'failed', error: { kind: 'internal', message: 'boom' } });
    renewer.stop();
  });
});
