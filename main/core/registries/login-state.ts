// Whether a login is valid, from what is known: the expiry this app recorded, and whether a store holds it.
import type { LoginState } from '../../../shared/types';

export const expiringWithinMs = 60 * 60 * 1000;

export function stateFromExpiry(expiresAt: string, now: Date): LoginState {
  const left = Date.parse(expiresAt) - now.getTime();
  if (Number.isNaN(left)) return 'unknown';
  if (left <= 0) return 'expired';
  return left <= expiringWithinMs ? 'expiring' : 'logged-in';
}
