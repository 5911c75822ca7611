// When each opted-in login is renewed: a pure function of the registries, the settings, the clock and what
// already happened (holds), so the whole policy is unit-tested without timers.
//
// Renewed: ECR and ECR Public logins this app made (it knows their expiry) and still stored. Not renewed:
// registries whose credential helper (ecr-login) fetches tokens itself, and logins with no recorded expiry.
import type { AppSettings } from '../../../shared/contract';
import { inputNeededKinds, type ErrorKind } from '../../../shared/ids';
import { defaultRenewBeforeMinutes, isRenewable } from '../../../shared/renew';
import type { Registry } from '../../../shared/types';

export const minute = 60_000;

export interface RenewPolicy {
  /** Every renewable login, or only `hosts`. */
  all: boolean;
  hosts: readonly string[];
  /** How long before expiry to renew (default 30 min; ECR tokens last 12 h). */
  leadMs: number;
}

/**
 * After an attempt, a host waits: until `until`, as long as its login is still the one that expires at
 * `expiresAt`. A new login (a new expiry) ends the hold at once — the user fixed it, or the renewal took.
 */
export interface Hold {
  until: number;
  expiresAt: string;
  /** Failed attempts in a row for this login (0 after a success). */
  failures: number;
}

export interface RenewEntry {
  host: string;
  /** When the renewal is due (epoch ms). */
  at: number;
  expiresAt: string;
}

export interface RenewPlan {
  entries: RenewEntry[];
  /** Hosts to renew now. */
  due: string[];
  /** The next time something becomes due (epoch ms), or null when nothing is scheduled. */
  nextAt: number | null;
}

/** The policy the settings describe (no settings yet: nothing is renewed). */
export function renewPolicy(settings: AppSettings | null): RenewPolicy {
  return {
    all: settings?.autoRenewAll ?? false,
    hosts: settings?.autoRenewHosts ?? [],
    leadMs: (settings?.renewBeforeMinutes ?? defaultRenewBeforeMinutes) * minute,
  };
}

export function isOptedIn(host: string, policy: Pick<RenewPolicy, 'all' | 'hosts'>): boolean {
  return policy.all || policy.hosts.includes(host);
}

export function activeHold(hold: Hold | undefined, expiresAt: string): Hold | undefined {
  return hold && hold.expiresAt === expiresAt ? hold : undefined;
}

export function renewPlan(registries: readonly Registry[], policy: RenewPolicy, now: number, holds: ReadonlyMap<string, Hold> = new Map()): RenewPlan {
  const entries: RenewEntry[] = [];
  for (const r of registries) {
    if (!isRenewable(r) || !isOptedIn(r.host, policy)) continue;
    const expiry = Date.parse(r.expiresAt);
    if (Number.isNaN(expiry)) continue;
    const hold = activeHold(holds.get(r.host), r.expiresAt);
    // An expired login is renewed as soon as possible (the laptop slept through its window).
    const at = Math.max(expiry - policy.leadMs, hold ? hold.until : -Infinity);
    if (at === Infinity) continue; // waiting for the user
    entries.push({ host: r.host, at, expiresAt: r.expiresAt });
  }
  entries.sort((a, b) => a.at - b.at || a.host.localeCompare(b.host));
  const due = entries.filter((e) => e.at <= now).map((e) => e.host);
  const later = entries.find((e) => e.at > now);
  return { entries, due, nextAt: later ? later.at : null };
}

export const retryBaseMs = 5 * minute;
export const retryMaxMs = 60 * minute;
/** After a success, the old expiry is held this long while the status catches up with the new one. */
export const settleMs = 10 * minute;

/** The hold after an attempt: none needed until the status shows the new login; backoff on failure. */
export function holdAfter(errorKind: ErrorKind | null, previous: Hold | undefined, expiresAt: string, now: number): Hold {
  if (errorKind === null) return { until: now + settleMs, expiresAt, failures: 0 };
  const failures = (activeHold(previous, expiresAt)?.failures ?? 0) + 1;
  // Only the user can fix these: no retry until the login changes.
  if (inputNeededKinds.has(errorKind)) return { until: Infinity, expiresAt, failures };
  return { until: now + Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1)), expiresAt, failures };
}
