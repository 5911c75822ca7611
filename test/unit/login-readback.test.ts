// "Nothing reported that did not happen": a finch that says "Login Succeeded" (or logs out) without storing anything
// — as when another writer of config.json dropped the login — is not believed. The login is tried once more, alone,
// then reported as failed in plain words; nothing about it is recorded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { loginMany, logout } from '../../main/core/login/login-service';
import { makeSandbox } from '../support/sandbox-home';

/** A finch whose login and logout answer success and change nothing; each call is logged. */
function liarHome(config: object) {
  const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/config.json': config } });
  const log = sb.file('finch.log');
  sb.write(
    'bin/finch',
    `#!/bin/sh\ncase "$1" in\n  --version) echo "finch version v1.19.0" ;;\n  login) cat >/dev/null; echo "$1 $2" >> ${log}; echo "Login Succeeded" ;;\n  logout) echo "$1 $2" >> ${log} ;;\nesac\n`,
    0o755,
  );
  return { env: currentEnv({ ...sb.vars, FINCH_LOGINS_FINCH: sb.file('bin/finch') }), log, sb };
}

describe('read back after finch says done', () => {
  it('a login finch reports but that is not stored is retried alone, then fails in plain words', async () => {
    const { env, log, sb } = liarHome({ auths: {}, 'x-kept': 1 });
    const [o] = await loginMany(env, [{ host: 'ghcr.io', username: 'me', password: 's3cret' }]);
    expect(o).toMatchObject({ host: 'ghcr.io', result: 'failed', error: { kind: 'not-stored', message: expect.stringMatching(/^Finch said the login to ghcr\.io succeeded, but it is not stored/) } });
    expect(readFileSync(log, 'utf8')).toBe('login ghcr.io\nlogin ghcr.io\n');
    // Nothing recorded for a login that did not happen.
    expect(readFileSync(sb.file('state/state.json'), 'utf8')).not.toContain('ghcr.io');
  });

  it('--remember: the password is kept in the keychain only for a login that is stored', async () => {
    const kept = new Map<string, string>();
    const keychain = async () => ({
      getPassword: async (_s: string, host: string) => kept.get(host) ?? null,
      setPassword: async (_s: string, host: string, pw: string) => void kept.set(host, pw),
      deletePassword: async (_s: string, host: string) => kept.delete(host),
    });
    const { env } = liarHome({ auths: {} });
    const [lost] = await loginMany(env, [{ host: 'ghcr.io', username: 'me', password: 's3cret', remember: true }], { keychain });
    expect(lost).toMatchObject({ result: 'failed', error: { kind: 'not-stored' } });
    expect(kept.has('ghcr.io')).toBe(false);

    // The same finch, but the login lands in config.json: stored, so remembered.
    const auth = Buffer.from('me:s3cret').toString('base64');
    const stored = liarHome({ auths: { 'ghcr.io': { auth } } });
    const [ok] = await loginMany(stored.env, [{ host: 'ghcr.io', username: 'me', password: 's3cret', remember: true }], { keychain });
    expect(ok).toMatchObject({ result: 'logged-in' });
    expect(kept.get('ghcr.io')).toBe('s3cret');
    expect(JSON.parse(readFileSync(stored.sb.file('state/state.json'), 'utf8')).registries['ghcr.io'].rememberedUser).toBe('me');
  });

  it('a logout finch reports while the login is still stored is tried again, then refused in plain words', async () => {
    const auth = Buffer.from('me:s3cret').toString('base64');
    const { env, log } = liarHome({ auths: { 'ghcr.io': { auth } } });
    await expect(logout(env, { host: 'ghcr.io' })).rejects.toMatchObject({ kind: 'logout-not-done', message: 'Finch said ghcr.io was logged out, but its login is still stored.' });
    expect(readFileSync(log, 'utf8')).toBe('logout ghcr.io\nlogout ghcr.io\n');
  });
});
