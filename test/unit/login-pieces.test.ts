import { describe, expect, it } from 'vitest';
import type { AwsProfiles } from '../../main/core/aws/profiles';
import { classifyAwsError } from '../../main/core/login/aws-errors';
import { decodeAuthorizationToken } from '../../main/core/login/ecr-token';
import { finchMessage } from '../../main/core/finch/finch';
import { classifyLoginFailure } from '../../main/core/login/finch-login';
import { mapLimit } from '../../main/core/login/limit';
import { currentEnv } from '../../main/core/env';
import { accountLookup, declaredAccount, resolveProfile } from '../../main/core/login/profile-resolver';
import { emptyState, type AppState } from '../../main/core/state/app-state';

describe('finch login failures in plain words', () => {
  it('reads the logrus line', () => {
    expect(finchMessage('time="2026-01-01T00:00:00Z" level=fatal msg="failed to call tryLoginWithRegHost: unexpected status code 401 Unauthorized"\n')).toBe(
      'failed to call tryLoginWithRegHost: unexpected status code 401 Unauthorized',
    );
    expect(finchMessage('', 'plain words\n')).toBe('plain words');
  });
  const storing = 'error saving credentials: error storing credentials - err: exit status 1, out: `not implemented`';
  const missingHelper = 'exec: "docker-credential-osxkeychain": executable file not found in $PATH';
  it.each([
    ['unexpected status code 401 Unauthorized', 'unauthorized', 'ghcr.io refused the username and password (401 Unauthorized).', /^Check the username/],
    [storing, 'helper-failed', `Finch could not store the login through its credential helper: ${storing}`, /^Open Health/],
    [missingHelper, 'helper-failed', `Finch could not store the login through its credential helper: ${missingHelper}`, /^Open Health/],
    ['dial tcp 127.0.0.1:9: connect: connection refused', 'network', 'ghcr.io could not be reached: dial tcp 127.0.0.1:9: connect: connection refused', /network or VPN/],
    ['sudo: a password is required', 'needs-root', 'Finch needs root rights on Linux and they were refused: sudo: a password is required', /sudoers/],
    ['something else', 'login-failed', 'finch login ghcr.io failed: something else', /finch login ghcr\.io` in a terminal/],
  ])('%s → %s', (finchSaid, kind, message, hint) => {
    const f = classifyLoginFailure('ghcr.io', finchSaid);
    expect(f.kind).toBe(kind);
    expect(f.message).toBe(message);
    expect(f.hint).toMatch(hint);
  });
});

it('a finch that cannot load finch.yaml is that file\u2019s problem, named, not a failed login', () => {
  const said = "failed to load config: failed to unmarshal config file: yaml: line 2: did not find expected ',' or ']'";
  expect(classifyLoginFailure('ghcr.io', said, '/h/.finch/finch.yaml')).toMatchObject({ kind: 'file-invalid', message: `Finch cannot run while /h/.finch/finch.yaml cannot be read: ${said}`, hint: expect.stringMatching(/^Fix finch\.yaml in a text editor/) });
  expect(classifyLoginFailure('ghcr.io', 'something else', '/h/.finch/finch.yaml').kind).toBe('login-failed');
});

describe('AWS errors in plain words', () => {
  it('quotes the denied action', () => {
    const e = Object.assign(new Error('User: arn:aws:iam::111122223333:user/x is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action'), { name: 'AccessDeniedException' });
    const f = classifyAwsError(e, 'dev', 'get a token');
    expect(f.kind).toBe('access-denied');
    expect(f.message).toMatch(/ecr:GetAuthorizationToken/);
    expect(f.detail).toEqual({ profile: 'dev', action: 'ecr:GetAuthorizationToken' });
  });
  it('recognises an SSO session to renew, MFA, rejected keys, missing credentials and the network', () => {
    const sso = classifyAwsError(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), 'corp', 'x');
    expect([sso.kind, sso.hint]).toEqual(['sso-login-needed', 'Run: aws sso login --profile corp']);
    expect(classifyAwsError(new Error('Profile mfa requires multi-factor authentication, but no MFA code callback was provided.'), 'mfa', 'x').kind).toBe('needs-mfa');
    expect(classifyAwsError(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }), 'p', 'x').kind).toBe('invalid-credentials');
    expect(classifyAwsError(Object.assign(new Error('Could not resolve credentials using profile: [p]'), { name: 'CredentialsProviderError' }), 'p', 'x').kind).toBe('no-credentials');
    expect(classifyAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'p', 'x').kind).toBe('network');
  });
});

describe('ECR tokens', () => {
  it('splits base64 AWS:password at the first colon', () => {
    expect(decodeAuthorizationToken(Buffer.from('AWS:a:b=c').toString('base64'))).toEqual({ username: 'AWS', password: 'a:b=c' });
    expect(() => decodeAuthorizationToken(Buffer.from('nocolon').toString('base64'))).toThrow(/unexpected format/);
  });
});

describe('choosing the profile for an ECR registry', () => {
  const host = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
  const aws = (names: [string, string | null][], details: Record<string, Record<string, string>> = {}): AwsProfiles => ({
    profiles: names.map(([name, region]) => ({ name, region, type: 'static' })),
    problems: [],
    details: new Map(Object.entries(details)),
    ssoSessions: new Map(),
  });
  const noLookup = async () => null;

  it('takes the profile the user bound, then one named after the account', async () => {
    const state: AppState = { ...emptyState(), registries: { [host]: { profile: 'work' } } };
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', aws([['work', null], ['111122223333', null]]), state, noLookup)).toEqual({ profile: 'work', how: 'bound' });
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', aws([['work', null], ['111122223333', null]]), emptyState(), noLookup)).toEqual({ profile: '111122223333', how: 'named-after-account' });
  });

  it('trusts an account learned from STS for a week, by the injected clock', async () => {
    const state: AppState = { ...emptyState(), accounts: { dev: { accountId: '111122223333', checkedAt: '2026-01-01T00:00:00.000Z' } } };
    // An MFA profile is never asked about: once the cached answer is too old, the lookup has none.
    const profiles = aws([['dev', 'eu-west-1']], { dev: { mfa_serial: 'arn:aws:iam::111122223333:mfa/dana' } });
    const at = (iso: string) => ({ ...currentEnv({ HOME: '/nowhere' }), now: () => new Date(iso) });
    const lookup = (iso: string) => accountLookup(at(iso), profiles, state, new Map(), () => async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }))('dev');
    expect(await lookup('2026-01-07T23:00:00.000Z')).toBe('111122223333');
    expect(await lookup('2026-01-08T01:00:00.000Z')).toBeNull();
  });

  it('matches by account, preferring the same region', async () => {
    const accounts: Record<string, string> = { a: '111122223333', b: '111122223333', c: '999988887777' };
    const r = await resolveProfile(host, '111122223333', 'eu-west-1', aws([['a', 'us-east-1'], ['b', 'eu-west-1'], ['c', 'eu-west-1']]), emptyState(), async (p) => accounts[p] ?? null);
    expect(r).toEqual({ profile: 'b', how: 'account-match' });
  });

  it('asks when nothing matches, and refuses a bound profile that is gone', async () => {
    await expect(resolveProfile(host, '111122223333', 'eu-west-1', aws([['x', null]]), emptyState(), noLookup)).rejects.toMatchObject({ kind: 'needs-profile' });
    const state: AppState = { ...emptyState(), registries: { [host]: { profile: 'gone' } } };
    await expect(resolveProfile(host, '111122223333', 'eu-west-1', aws([['x', null]]), state, noLookup)).rejects.toMatchObject({ kind: 'profile-missing' });
  });

  it('refuses while an AWS file does not parse (the AWS CLI refuses every profile then), not while one is unreadable (it ignores that file)', async () => {
    const bound: AppState = { ...emptyState(), registries: { [host]: { profile: 'work' } } };
    const unparsable = { ...aws([['work', null]]), problems: [{ file: '/h/.aws/config', message: 'Line 3: junk. The AWS CLI refuses this file too ("Unable to parse config file"), so none of its profiles can be used until it is fixed.' }] };
    await expect(resolveProfile(host, '111122223333', 'eu-west-1', unparsable, bound, noLookup)).rejects.toMatchObject({ kind: 'file-invalid', message: expect.stringMatching(/^Cannot log in with AWS profile "work": \/h\/\.aws\/config: Line 3/) });
    await expect(resolveProfile(host, '111122223333', 'eu-west-1', unparsable, emptyState(), noLookup)).rejects.toMatchObject({ kind: 'file-invalid' });
    // An SSO role bound to the registry does not read the profiles.
    const role = { session: 's', accountId: '111122223333', roleName: 'r' };
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', unparsable, emptyState(), noLookup, undefined, role)).toEqual({ sso: role, how: 'bound-role' });
    const unreadable = { ...aws([['work', null]]), problems: [{ file: '/h/.aws/credentials', message: 'This file could not be read (EACCES): check that it is a file you can read. The AWS CLI cannot read it either and ignores it, so its profiles are missing.' }] };
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', unreadable, bound, noLookup)).toEqual({ profile: 'work', how: 'bound' });
  });

  it('reads the account a profile declares (role_arn, sso_account_id)', () => {
    expect(declaredAccount({ role_arn: 'arn:aws:iam::444455556666:role/ecr' })).toBe('444455556666');
    expect(declaredAccount({ sso_account_id: '777788889999' })).toBe('777788889999');
    expect(declaredAccount({ region: 'x' })).toBeNull();
  });
});

describe('bounded parallelism', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
