import { describe, expect, it } from 'vitest';
import { parseConfigJson } from '../../main/core/finch/config-json';
import { Problems } from '../../main/core/problems';
import { buildRegistries } from '../../main/core/registries/model';
import { emptyState, type AppState } from '../../main/core/state/app-state';

const now = new Date('2026-11-25T12:00:00Z');
const config = (doc: object) => parseConfigJson('/c', JSON.stringify(doc), new Problems());
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('registries from config.json, the store and the app state', () => {
  it('applies docker precedence: helper, then store, then plaintext', () => {
    const c = config({
      auths: { 'https://index.docker.io/v1/': { auth: b64('alice:pw') }, 'ghcr.io': {}, '111122223333.dkr.ecr.eu-west-1.amazonaws.com': {} },
      credHelpers: { '111122223333.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' },
    });
    const rs = buildRegistries({ config: c, store: null, state: emptyState(), now });
    expect(rs.map((r) => [r.host, r.kind, r.auth, r.state])).toEqual([
      ['111122223333.dkr.ecr.eu-west-1.amazonaws.com', 'ecr', 'cred-helper', 'unknown'],
      ['docker.io', 'docker-hub', 'plaintext', 'logged-in'],
      ['ghcr.io', 'other', 'none', 'logged-out'],
    ]);
    expect(rs[0]).toMatchObject({ accountId: '111122223333', region: 'eu-west-1', helper: 'ecr-login' });
    expect(rs[1]!.username).toBe('alice');
    expect(JSON.stringify(rs)).not.toContain('pw');
  });

  it('a store login is logged in; with a recorded expiry it counts down', () => {
    const c = config({ credsStore: 'osxkeychain', auths: { 'a.io': {}, '222233334444.dkr.ecr.us-east-1.amazonaws.com': {}, 'b.io': {} } });
    const state: AppState = {
      version: 1,
      registries: {
        '222233334444.dkr.ecr.us-east-1.amazonaws.com': { expiresAt: '2026-11-25T12:30:00Z', loggedInWith: 'dev' },
        'b.io': { expiresAt: '2026-11-25T11:00:00Z' },
      },
    };
    const store = { helper: 'osxkeychain', entries: { 'https://a.io': 'bob', '222233334444.dkr.ecr.us-east-1.amazonaws.com': 'AWS', 'b.io': 'carol' } };
    const rs = buildRegistries({ config: c, store, state, now });
    const by = Object.fromEntries(rs.map((r) => [r.host, r]));
    expect(by['a.io']).toMatchObject({ auth: 'creds-store', helper: 'osxkeychain', username: 'bob', state: 'logged-in', expiresAt: null });
    expect(by['222233334444.dkr.ecr.us-east-1.amazonaws.com']).toMatchObject({ state: 'expiring', profile: 'dev', username: 'AWS' });
    expect(by['b.io']!.state).toBe('expired');
  });

  it('a store that could not be listed leaves its logins unknown; the host missing from it is logged out', () => {
    const c = config({ credsStore: 'pass', auths: { 'a.io': {} } });
    expect(buildRegistries({ config: c, store: { helper: 'pass', entries: null }, state: emptyState(), now })[0]!.state).toBe('unknown');
    expect(buildRegistries({ config: c, store: { helper: 'pass', entries: {} }, state: emptyState(), now })[0]!.state).toBe('logged-out');
  });

  it('a plaintext password beside a credsStore or helper is shadowed: the row shows what the store holds and says so', () => {
    // docker/cli GetCredentialsStore: credHelpers[host], then credsStore; the file's secret is read only when neither is set.
    const c = config({
      credsStore: 'osxkeychain',
      credHelpers: { '111122223333.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' },
      auths: {
        'ghcr.io': { auth: b64('dana:hunter2') },
        'quay.io': { auth: b64('erin:pw2') },
        '111122223333.dkr.ecr.eu-west-1.amazonaws.com': { auth: b64('AWS:token') },
        'reg.example': { registrytoken: 'rt' },
        'plain.example': {},
      },
    });
    const store = { helper: 'osxkeychain', entries: { 'quay.io': 'erin' } };
    const by = Object.fromEntries(buildRegistries({ config: c, store, state: emptyState(), now }).map((r) => [r.host, r]));
    // Missing from the store: logged out (docker sends no credentials), though a password sits in the file.
    expect(by['ghcr.io']).toMatchObject({ auth: 'creds-store', helper: 'osxkeychain', state: 'logged-out', plaintextShadowed: true });
    expect(by['ghcr.io']!.username).toBeUndefined();
    expect(by['quay.io']).toMatchObject({ auth: 'creds-store', state: 'logged-in', username: 'erin', plaintextShadowed: true });
    expect(by['111122223333.dkr.ecr.eu-west-1.amazonaws.com']).toMatchObject({ auth: 'cred-helper', helper: 'ecr-login', plaintextShadowed: true });
    // nativeStore.Get keeps a registry token from the file: it is not shadowed. Nothing in the file: nothing to say.
    expect(by['reg.example']!.plaintextShadowed).toBeUndefined();
    expect(by['plain.example']!.plaintextShadowed).toBeUndefined();
    // Without a store the file's copy is the one Finch uses: plaintext, not shadowed.
    const plain = buildRegistries({ config: config({ auths: { 'ghcr.io': { auth: b64('dana:hunter2') } } }), store: null, state: emptyState(), now })[0]!;
    expect(plain).toMatchObject({ auth: 'plaintext', state: 'logged-in' });
    expect(plain.plaintextShadowed).toBeUndefined();
    expect(JSON.stringify(by)).not.toMatch(/hunter2|pw2|token/);
  });

  it('merges host and host:443, and lists registries added in the app', () => {
    const c = config({ auths: { 'ghcr.io': {}, 'ghcr.io:443': {} } });
    const state: AppState = { version: 1, registries: { 'quay.io': { added: true, profile: undefined } } };
    expect(buildRegistries({ config: c, store: null, state, now }).map((r) => r.host)).toEqual(['ghcr.io', 'quay.io']);
  });
});
