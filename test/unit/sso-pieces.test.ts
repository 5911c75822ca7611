// IAM Identity Center pieces that need no network: the AWS CLI's cache file names (hashes computed with CPython's
// json/hashlib exactly as botocore/utils.py does it), the sessions read from ~/.aws/config, and when a cached token is
// used as it is.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsProfiles } from '../../main/core/aws/profiles';
import { currentEnv } from '../../main/core/env';
import { resolvePaths } from '../../main/core/paths';
import { resolveProfile } from '../../main/core/login/profile-resolver';
import { emptyState } from '../../main/core/state/app-state';
import { listSsoSessions, typedSession } from '../../main/core/sso/sso-sessions';
import { accessToken, sessionStatus } from '../../main/core/sso/sso-token';
import { cliTime, readToken, registrationCacheKey, tokenCacheKey, tokenFile, writeToken } from '../../main/core/sso/token-cache';
import { browserUrl } from '../../main/core/sso/sso-service';
import { tempDir } from '../support/sandbox-home';

const corp = { name: 'corp', startUrl: 'https://corp.awsapps.com/start/#/', region: 'eu-west-1' };

describe('the AWS CLI cache file names', () => {
  it('token: sha1 of the sso-session name, or of the start URL for a legacy profile', () => {
    expect(tokenCacheKey(corp)).toBe('ee0bfd2552fbd840c02cc48b6e823320543c450f'); // hashlib.sha1(b'corp')
    expect(tokenCacheKey({ name: null, startUrl: 'https://corp.awsapps.com/start/#/' })).toBe('8e74902e1365a0edf5b7de68480081141454f7d2');
  });
  it('client registration: sha1 of json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)', () => {
    // python3 -c "import json,hashlib; print(hashlib.sha1(json.dumps({...}, sort_keys=True).encode()).hexdigest())"
    expect(registrationCacheKey(corp, ['sso:account:access'])).toBe('0de1ffd73ca155bb24a74655c7b73fcb04986f29');
    // Legacy: no session name, no scopes (null), and non-ASCII escaped as Python's ensure_ascii does.
    expect(registrationCacheKey({ name: null, startUrl: 'https://é.awsapps.com/start', region: 'eu-west-1' }, null)).toBe('091ad173ed7970a461ab8d4897af1cf64f72ef9a');
  });
  it('times as the AWS CLI writes them', () => {
    expect(cliTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05Z');
  });
});

function home() {
  const dir = tempDir('fl-sso-');
  const env = { ...currentEnv({ HOME: dir, FINCH_LOGINS_PLATFORM: 'linux', FINCH_LOGINS_STATE_DIR: path.join(dir, 'state'), PATH: '/usr/bin' }) };
  return { dir, env, paths: resolvePaths(env) };
}

describe('the token cache', () => {
  it('writes 0600, atomically, in the keys the AWS CLI writes, and reads back only what the CLI would accept', async () => {
    const { paths } = home();
    const token = { startUrl: corp.startUrl, region: corp.region, accessToken: 'at', expiresAt: '2030-01-01T00:00:00Z', clientId: 'c', clientSecret: 'cs', registrationExpiresAt: '2030-03-01T00:00:00Z', refreshToken: 'rt' };
    await writeToken(paths, corp, token);
    expect(statSync(tokenFile(paths, corp)).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(tokenFile(paths, corp), 'utf8')))).toEqual(Object.keys(token));
    expect(await readToken(paths, corp)).toEqual(token);
    expect(await readToken(paths, { name: 'other', startUrl: 'x' })).toBeNull();
  });

  it('a token with more than 15 minutes left is used as it is; an expired one that cannot be refreshed has ended', async () => {
    const { env, paths } = home();
    const session = { ...corp, id: 'session:corp', scopes: [], source: 'sso-session' as const, profiles: [] };
    await writeToken(paths, corp, { startUrl: corp.startUrl, region: corp.region, accessToken: 'fresh', expiresAt: cliTime(Date.now() + 3600_000) });
    expect(await accessToken(env, paths, session)).toBe('fresh');
    expect(await sessionStatus(env, paths, session)).toMatchObject({ state: 'signed-in', canRefresh: false });
    await writeToken(paths, corp, { startUrl: corp.startUrl, region: corp.region, accessToken: 'old', expiresAt: cliTime(Date.now() - 1000) });
    expect(await sessionStatus(env, paths, session)).toMatchObject({ state: 'expired' });
    await expect(accessToken(env, paths, session)).rejects.toMatchObject({ kind: 'sso-session-ended', hint: 'Sign in again (finch-logins sso login --session corp).' });
  });
});

describe('sessions from ~/.aws/config', () => {
  const aws = (): AwsProfiles => ({
    profiles: [{ name: 'a', region: null, type: 'sso' }, { name: 'legacy', region: null, type: 'sso' }, { name: 'plain', region: null, type: 'static' }],
    problems: [],
    details: new Map<string, Record<string, string>>([['a', { sso_session: 'corp' }], ['legacy', { sso_start_url: 'https://old.awsapps.com/start', sso_region: 'us-east-1' }], ['plain', {}]]),
    ssoSessions: new Map<string, Record<string, string>>([['corp', { sso_start_url: corp.startUrl, sso_region: 'eu-west-1', sso_registration_scopes: 'sso:account:access, x:y' }], ['broken', { sso_region: 'eu-west-1' }]]),
  });
  it('sso-session sections, legacy profiles and typed start URLs, each once, with the profiles that use them', () => {
    const state = { ...emptyState(), sso: { typed: [{ startUrl: 'https://typed.awsapps.com/start', region: 'us-west-2' }] } };
    expect(listSsoSessions(aws(), state)).toEqual([
      { id: 'session:corp', name: 'corp', startUrl: corp.startUrl, region: 'eu-west-1', scopes: ['sso:account:access', 'x:y'], source: 'sso-session', profiles: ['a'] },
      { id: 'url:https://old.awsapps.com/start', name: null, startUrl: 'https://old.awsapps.com/start', region: 'us-east-1', scopes: [], source: 'profile', profiles: ['legacy'] },
      { id: 'url:https://typed.awsapps.com/start', name: null, startUrl: 'https://typed.awsapps.com/start', region: 'us-west-2', scopes: [], source: 'typed', profiles: [] },
    ]);
  });
  it('a typed start URL or region that is no such thing is refused before anything is sent', () => {
    expect(() => typedSession('corp.awsapps.com', 'eu-west-1')).toThrow(expect.objectContaining({ kind: 'sso-bad-start-url' }));
    expect(() => typedSession('https://corp.awsapps.com/start', 'europe')).toThrow(expect.objectContaining({ kind: 'sso-bad-region' }));
  });
  it('only web pages go to the browser', () => {
    expect(browserUrl('https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH')).toBe(true);
    expect(browserUrl('http://127.0.0.1:4000/device')).toBe(true);
    expect(browserUrl('file:///etc/passwd')).toBe(false);
    expect(browserUrl('http://evil.example/')).toBe(false);
  });
});

describe('which credentials log in to an ECR registry', () => {
  const host = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
  const aws = (names: string[]): AwsProfiles => ({ profiles: names.map((name) => ({ name, region: null, type: 'static' as const })), problems: [], details: new Map(), ssoSessions: new Map() });
  const none = async () => null;
  const role = { session: 'session:corp', accountId: '111122223333', roleName: 'ECRReadOnly' };
  it('a picked profile, then the Identity Center role the registry was added with, then a profile named after the account', async () => {
    const state = { ...emptyState(), registries: { [host]: { profile: 'work' } } };
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', aws(['work']), state, none, undefined, role)).toEqual({ profile: 'work', how: 'bound' });
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', aws(['111122223333']), emptyState(), none, undefined, role)).toEqual({ sso: role, how: 'bound-role' });
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', aws(['111122223333']), emptyState(), none)).toEqual({ profile: '111122223333', how: 'named-after-account' });
  });
  it('with no profile for the account, the role remembered for it in the account picker', async () => {
    const state = { ...emptyState(), sso: { roles: { 'session:corp': { '111122223333': 'ECRReadOnly' } } } };
    expect(await resolveProfile(host, '111122223333', 'eu-west-1', aws(['x']), state, none)).toEqual({ sso: role, how: 'account-role' });
    await expect(resolveProfile(host, '111122223333', 'eu-west-1', aws(['x']), emptyState(), none)).rejects.toMatchObject({ kind: 'needs-profile' });
  });
});
