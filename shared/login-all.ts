// What "Log in to all" selects, the same in the window, the tray and `finch-logins login --all`. Pure.
//
// "Log in to all" renews what needs it: logins that are expired, expiring or missing. A login that is still valid is
// left as it is (redoing a valid ECR login costs a token request, and an MFA-bound one a code the user just typed).
// "Re-login all" (`relogin`) redoes every login the app can make, valid or not. Registries whose credential helper
// fetches tokens itself (ecr-login) are never logged in to: there is nothing to store.
import type { LoginState, Registry } from './types';

export type LoginAllMode = 'renew' | 'relogin';

/** The states "Log in to all" renews. `unknown` (the store could not be asked) is not one: nothing says it is due. */
const due: ReadonlySet<LoginState> = new Set<LoginState>(['expired', 'expiring', 'logged-out']);

/** A registry the app can log in to at all (a credential helper's registry logs itself in, on demand). */
export const canLogIn = (r: Registry): boolean => r.auth !== 'cred-helper';

/** Whether "Log in to all" in this mode logs in to the registry, given its state as of now. */
export function selectedForLoginAll(r: Registry, mode: LoginAllMode, state: LoginState = r.state): boolean {
  if (!canLogIn(r)) return false;
  return mode === 'relogin' || due.has(state);
}

/** The hosts "Log in to all" logs in to, in the listing's order. */
export function loginAllHosts(registries: readonly Registry[], mode: LoginAllMode, stateOf: (r: Registry) => LoginState = (r) => r.state): string[] {
  return registries.filter((r) => selectedForLoginAll(r, mode, stateOf(r))).map((r) => r.host);
}
