// What "Log in to all" selects (shared/login-all.ts), the one rule the window, the tray and `login --all` share.
import { describe, expect, it } from 'vitest';
import { canLogIn, loginAllHosts, selectedForLoginAll } from '../../shared/login-all';
import type { LoginState, Registry } from '../../shared/types';

const row = (host: string, state: LoginState, over: Partial<Registry> = {}): Registry => ({
  host, kind: 'other', auth: 'creds-store', profile: null, expiresAt: null, state, ...over,
});

const rows: Registry[] = [
  row('111111111111.dkr.ecr.eu-west-1.amazonaws.com', 'logged-in', { kind: 'ecr', expiresAt: '2030-01-01T00:00:00Z' }),
  row('222222222222.dkr.ecr.eu-west-1.amazonaws.com', 'expiring', { kind: 'ecr' }),
  row('333333333333.dkr.ecr.eu-west-1.amazonaws.com', 'expired', { kind: 'ecr' }),
  row('public.ecr.aws', 'logged-out', { kind: 'ecr-public' }),
  row('444444444444.dkr.ecr.us-east-1.amazonaws.com', 'unknown', { kind: 'ecr', auth: 'cred-helper', helper: 'ecr-login' }),
  row('ghcr.io', 'logged-in', { auth: 'plaintext', username: 'dana' }),
  row('quay.io', 'unknown'),
];

describe('Log in to all', () => {
  it('renews what is expired, expiring or logged out, and leaves valid logins as they are', () => {
    expect(loginAllHosts(rows, 'renew')).toEqual([
      '222222222222.dkr.ecr.eu-west-1.amazonaws.com',
      '333333333333.dkr.ecr.eu-west-1.amazonaws.com',
      'public.ecr.aws',
    ]);
  });

  it('re-login all redoes every login the app can make, never a credential helper\'s registry', () => {
    expect(loginAllHosts(rows, 'relogin')).toEqual(rows.filter((r) => r.auth !== 'cred-helper').map((r) => r.host));
    expect(canLogIn(rows[4]!)).toBe(false);
    expect(selectedForLoginAll(rows[4]!, 'relogin')).toBe(false);
  });

  it('judges a row by the state it is given (the window passes the state as of now, between two status reads)', () => {
    const valid = rows[0]!;
    expect(selectedForLoginAll(valid, 'renew')).toBe(false);
    expect(selectedForLoginAll(valid, 'renew', 'expired')).toBe(true);
    expect(loginAllHosts([valid], 'renew', () => 'expiring')).toEqual([valid.host]);
  });

  it('selects nothing when every login is valid', () => {
    expect(loginAllHosts(rows.filter((r) => r.state === 'logged-in'), 'renew')).toEqual([]);
  });
});
