// The renewal rules the window and main both apply: which logins can be renewed and how early. One copy, so the
// Settings field, the request schema, the stored settings and the scheduler cannot disagree.
import type { Profile, Registry } from './types';

/** How long before expiry a login is renewed, in minutes. ECR tokens last 12 h: renewing earlier than 4 h before
 * expiry would mostly burn API calls; later than 5 min risks a pull meeting an expired token. */
export const renewBeforeRange = { min: 5, max: 240 } as const;
export const defaultRenewBeforeMinutes = 30;

/** A lead time within the range, in whole minutes. */
export function clampLead(minutes: number): number {
  return Math.min(renewBeforeRange.max, Math.max(renewBeforeRange.min, Math.round(minutes)));
}

/** ECR and ECR Public logins can be renewed; a credential helper (ecr-login) fetches its own tokens instead. */
export function canAutoRenew(r: Registry): boolean {
  return (r.kind === 'ecr' || r.kind === 'ecr-public') && r.auth !== 'cred-helper';
}

/** A login that would be renewed now if opted in: made here (its expiry known) and still stored. */
export function isRenewable(r: Registry): r is Registry & { expiresAt: string } {
  return canAutoRenew(r) && r.auth !== 'none' && !!r.expiresAt && r.state !== 'logged-out';
}

/**
 * The profile a registry logs in with when that profile asks for an MFA code (Profile.mfa): auto-renew cannot renew
 * such a login without the user, and every shell that offers auto-renew says so. Null otherwise.
 */
export function mfaProfile(r: Registry, profiles: readonly Profile[] | undefined): string | null {
  return r.profile && profiles?.some((p) => p.name === r.profile && p.mfa) ? r.profile : null;
}
