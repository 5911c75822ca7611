// Whether a login this app made is still valid, from the expiry it recorded: one rule for the status (core), the
// tray and the window, whose countdowns cross into "expiring" and "expired" between two status reads.
import type { LoginState, Registry } from './types';

/** An hour or less left: the login is about to run out. */
export const expiringWithinMs = 60 * 60 * 1000;

export function stateFromExpiry(expiresAt: string, now: number): LoginState {
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return 'unknown';
  if (left <= 0) return 'expired';
  return left <= expiringWithinMs ? 'expiring' : 'logged-in';
}

/** A row's state as of `now`: only a login with a recorded expiry moves on its own clock. */
export function liveState(r: Pick<Registry, 'state' | 'expiresAt'>, now: number): LoginState {
  if (!r.expiresAt || (r.state !== 'logged-in' && r.state !== 'expiring' && r.state !== 'expired')) return r.state;
  const s = stateFromExpiry(r.expiresAt, now);
  return s === 'unknown' ? r.state : s;
}
