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

  it('merges host and host:443, and lists registries added in the app', () => {
    const c = config({ auths: { 'ghcr.io': {}, 'ghcr.io:443': {} } });
    const state: AppState = { version: 1, registries: { 'quay.io': { added: true, profile: undefined } } };
    expect(buildRegistries({ config: c, store: null, state, now }).map((r) => r.host)).toEqual(['ghcr.io', 'quay.io']);
  });
});
