// Which logins auto-renew renews, and when: a pure function of the registries, the settings, the clock and holds.
import { describe, expect, it } from 'vitest';
import { holdAfter, minute, renewPlan, retryMaxMs, settleMs, type Hold, type RenewPolicy } from '../../main/core/renew/schedule';
import { inputNeededKinds } from '../../shared/ids';
import { isRenewable } from '../../shared/renew';
import type { Registry } from '../../shared/types';

const t0 = Date.parse('2025-06-01T12:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * minute).toISOString();
const ecrA = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ecrB = '210987654321.dkr.ecr.us-east-1.amazonaws.com';

function reg(host: string, over: Partial<Registry> = {}): Registry {
  const kind = host.includes('.dkr.ecr.') ? 'ecr' : host === 'public.ecr.aws' ? 'ecr-public' : 'other';
  return { host, kind, auth: 'creds-store', helper: 'osxkeychain', profile: 'dev', expiresAt: at(12 * 60), state: 'logged-in', ...over };
}
const all: RenewPolicy = { all: true, hosts: [], leadMs: 30 * minute };

describe('renewable logins', () => {
  it('are ECR and ECR Public logins this app made and that are still stored', () => {
    expect(isRenewable(reg(ecrA))).toBe(true);
    expect(isRenewable(reg('public.ecr.aws'))).toBe(true);
    expect(isRenewable(reg(ecrA, { auth: 'plaintext' }))).toBe(true);
    // ecr-login fetches its own tokens; a password registry needs the user; no recorded expiry: not ours.
    expect(isRenewable(reg(ecrA, { auth: 'cred-helper', helper: 'ecr-login', expiresAt: null, state: 'unknown' }))).toBe(false);
    expect(isRenewable(reg('ghcr.io'))).toBe(false);
    expect(isRenewable(reg(ecrA, { expiresAt: null }))).toBe(false);
    expect(isRenewable(reg(ecrA, { auth: 'none', state: 'logged-out' }))).toBe(false);
  });
});

describe('renew plan', () => {
  it('renews each opted-in login 30 minutes before it expires, soonest first', () => {
    const plan = renewPlan([reg(ecrA, { expiresAt: at(120) }), reg(ecrB, { expiresAt: at(60) })], all, t0);
    expect(plan.entries).toEqual([
      { host: ecrB, at: t0 + 30 * minute, expiresAt: at(60) },
      { host: ecrA, at: t0 + 90 * minute, expiresAt: at(120) },
    ]);
    expect(plan.due).toEqual([]);
    expect(plan.nextAt).toBe(t0 + 30 * minute);
  });

  it('is due at the lead time and after it, including a login that expired while the machine slept', () => {
    const regs = [reg(ecrA, { expiresAt: at(30) }), reg(ecrB, { expiresAt: at(-60), state: 'expired' }), reg('public.ecr.aws', { expiresAt: at(31) })];
    const plan = renewPlan(regs, all, t0);
    expect(plan.due).toEqual([ecrB, ecrA]);
    expect(plan.nextAt).toBe(t0 + minute);
  });

  it('renews only the registries opted in, unless all are', () => {
    const regs = [reg(ecrA, { expiresAt: at(10) }), reg(ecrB, { expiresAt: at(10) })];
    expect(renewPlan(regs, { all: false, hosts: [ecrB], leadMs: 30 * minute }, t0).due).toEqual([ecrB]);
    expect(renewPlan(regs, { all: false, hosts: [], leadMs: 30 * minute }, t0)).toEqual({ entries: [], due: [], nextAt: null });
  });

  it('honours the lead time setting', () => {
    const plan = renewPlan([reg(ecrA, { expiresAt: at(120) })], { ...all, leadMs: 90 * minute }, t0);
    expect(plan.nextAt).toBe(t0 + 30 * minute);
  });

  it('waits out a hold on the same login, and forgets it once the login changes', () => {
    const held: Hold = { until: t0 + 10 * minute, expiresAt: at(5), failures: 1 };
    const holds = new Map([[ecrA, held]]);
    expect(renewPlan([reg(ecrA, { expiresAt: at(5) })], all, t0, holds)).toMatchObject({ due: [], nextAt: t0 + 10 * minute });
    // The user logged in again (new expiry): the hold no longer applies.
    expect(renewPlan([reg(ecrA, { expiresAt: at(12 * 60) })], all, t0, holds).nextAt).toBe(t0 + (12 * 60 - 30) * minute);
    // Waiting for the user: never scheduled.
    const forever = new Map([[ecrA, { ...held, until: Infinity }]]);
    expect(renewPlan([reg(ecrA, { expiresAt: at(5) })], all, t0, forever)).toEqual({ entries: [], due: [], nextAt: null });
  });
});

describe('holds after an attempt', () => {
  it('after a success, hold the old login while the status catches up', () => {
    expect(holdAfter(null, undefined, at(5), t0)).toEqual({ until: t0 + settleMs, expiresAt: at(5), failures: 0 });
  });

  it('backs off on failures: 5, 10, 20, 40, then every 60 minutes', () => {
    let hold: Hold | undefined;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      hold = holdAfter('network', hold, at(5), t0);
      waits.push((hold.until - t0) / minute);
    }
    expect(waits).toEqual([5, 10, 20, 40, 60, 60]);
    expect(hold!.failures).toBe(6);
    expect(retryMaxMs).toBe(60 * minute);
  });

  it('does not retry what only the user can fix', () => {
    expect([...inputNeededKinds].sort()).toEqual(['needs-mfa', 'needs-password', 'needs-profile', 'sso-login-needed', 'sso-session-ended']);
    for (const kind of inputNeededKinds) {
      expect(holdAfter(kind, undefined, at(5), t0)).toEqual({ until: Infinity, expiresAt: at(5), failures: 1 });
    }
  });

  it('restarts the count for a new login', () => {
    const old: Hold = { until: t0, expiresAt: at(5), failures: 4 };
    expect(holdAfter('network', old, at(700), t0).failures).toBe(1);
  });
});
