// One rule for "valid, expiring, expired" from a recorded expiry, used by the status, the tray and the window's
// countdowns — they once disagreed on a login with exactly an hour left.
import { describe, expect, it } from 'vitest';
import { expiringWithinMs, liveState, stateFromExpiry } from '../../shared/login-state';

const now = Date.parse('2026-11-30T12:00:00Z');
const at = (msFromNow: number) => new Date(now + msFromNow).toISOString();

describe('login state from a recorded expiry', () => {
  it('more than an hour left is logged in; an hour or less is expiring; none is expired', () => {
    expect(stateFromExpiry(at(expiringWithinMs + 1000), now)).toBe('logged-in');
    expect(stateFromExpiry(at(expiringWithinMs), now)).toBe('expiring');
    expect(stateFromExpiry(at(1000), now)).toBe('expiring');
    expect(stateFromExpiry(at(0), now)).toBe('expired');
    expect(stateFromExpiry('not a date', now)).toBe('unknown');
  });

  it('a row moves on its clock only when it has a recorded expiry and a login', () => {
    expect(liveState({ state: 'logged-in', expiresAt: at(expiringWithinMs) }, now)).toBe('expiring');
    expect(liveState({ state: 'expiring', expiresAt: at(-1) }, now)).toBe('expired');
    expect(liveState({ state: 'logged-in', expiresAt: null }, now)).toBe('logged-in');
    expect(liveState({ state: 'logged-out', expiresAt: at(-1) }, now)).toBe('logged-out');
    expect(liveState({ state: 'logged-in', expiresAt: 'garbled' }, now)).toBe('logged-in');
  });
});
