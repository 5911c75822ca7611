// Which logins may share config.json, what counts as stored, and what the batch puts back (config-writes.ts).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv, type Env } from '../../main/core/env';
import { listBackups } from '../../main/core/fixes/backups';
import { undoLastChange } from '../../main/core/fixes/fix-service';
import { parseConfigJson } from '../../main/core/finch/config-json';
import { credentialStoreFor, loginRewritesConfig, lostKeys, restoreLostKeys, storedLogins } from '../../main/core/login/config-writes';
import { resolvePaths, type Paths } from '../../main/core/paths';
import { Problems } from '../../main/core/problems';
import { makeSandbox, tempDir } from '../support/sandbox-home';

const cfg = (doc: object) => parseConfigJson('config.json', JSON.stringify(doc), new Problems());
const b64 = (s: string) => Buffer.from(s).toString('base64');

function home(doc: object, mode = 0o640): { paths: Paths; env: Env; file: string } {
  const dir = tempDir('fl-cw-');
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n', { mode });
  const paths = { configJson: file, stateDir: path.join(dir, 'state'), extraBinDirs: [] } as unknown as Paths;
  const env = { vars: { PATH: '/nonexistent' }, platform: 'linux' } as unknown as Env;
  return { paths, env, file };
}

describe('which logins rewrite config.json', () => {
  it('helper-backed with an empty entry already there: no rewrite (docker skips Save); anything else rewrites', () => {
    const c = cfg({ credsStore: 'pass', credHelpers: { 'gcr.io': 'gcloud' }, auths: { 'ghcr.io': {}, 'quay.io': { auth: b64('a:b') } } });
    expect(credentialStoreFor(c, 'gcr.io')).toBe('gcloud');
    expect(credentialStoreFor(c, 'ghcr.io')).toBe('pass');
    expect(loginRewritesConfig(c, 'ghcr.io', 'ghcr.io')).toBe(false);
    expect(loginRewritesConfig(c, 'quay.io', 'quay.io')).toBe(true); // the old plaintext secret is replaced by {}
    expect(loginRewritesConfig(c, 'new.example.com', 'new.example.com')).toBe(true); // a first login adds its entry
    const plain = cfg({ auths: { 'ghcr.io': {} } });
    expect(credentialStoreFor(plain, 'ghcr.io')).toBeNull();
    expect(loginRewritesConfig(plain, 'ghcr.io', 'ghcr.io')).toBe(true);
  });
});

describe('what counts as stored', () => {
  it('plaintext: exactly the credentials handed to finch, under any spelling of the host', async () => {
    const h = home({ auths: { 'ghcr.io': { auth: b64('me:new') }, 'https://quay.io/v1/': { auth: b64('me:old') }, 'gcr.io:443': { auth: b64('me:s') } } });
    const stored = await storedLogins(h.env, h.paths, [
      { host: 'ghcr.io', username: 'me', secret: 'new' },
      { host: 'quay.io', username: 'me', secret: 'new' },
      { host: 'gcr.io', username: 'me', secret: 's' },
      { host: 'missing.example.com', username: 'me', secret: 's' },
    ]);
    expect([...stored].sort()).toEqual(['gcr.io', 'ghcr.io']);
  });

  it('a helper that cannot be listed proves nothing', async () => {
    const h = home({ credsStore: 'nonexistent-helper', auths: { 'ghcr.io': {} } });
    expect((await storedLogins(h.env, h.paths, [{ host: 'ghcr.io', username: 'me', secret: 's' }])).size).toBe(0);
  });
});

describe('keys put back after a batch', () => {
  const before = {
    credsStore: 'pass',
    credHelpers: { 'gcr.io': 'gcloud', 'x.example.com': 'ecr-login' },
    auths: { 'ghcr.io': {}, 'other.example.com': { auth: b64('o:p') } },
    'x-unknown': { nested: [1, 2] },
  };
  it('finds what vanished — not what the logins changed, not values that changed', () => {
    const now = { credsStore: 'osxkeychain', credHelpers: { 'gcr.io': 'gcloud' }, auths: { 'new.example.com': {} } };
    expect(lostKeys(before, now, new Set(['ghcr.io', 'new.example.com']))).toEqual([
      { path: ['credHelpers', 'x.example.com'], value: 'ecr-login' },
      { path: ['auths', 'other.example.com'], value: { auth: b64('o:p') } },
      { path: ['x-unknown'], value: { nested: [1, 2] } },
    ]);
  });

  it('writes them back, keeping the file mode and the logins just made', async () => {
    const h = home({ auths: { 'ghcr.io': {}, 'new.example.com': { auth: b64('n:s') } } }, 0o640);
    const put = await restoreLostKeys(h.paths, cfg(before), new Set(['ghcr.io', 'new.example.com']), new Date());
    expect(put.sort()).toEqual(['auths.other.example.com', 'credHelpers', 'credsStore', 'x-unknown']);
    const doc = JSON.parse(readFileSync(h.file, 'utf8'));
    expect(doc).toEqual({ auths: { 'ghcr.io': {}, 'new.example.com': { auth: b64('n:s') }, 'other.example.com': { auth: b64('o:p') } }, credsStore: 'pass', credHelpers: before.credHelpers, 'x-unknown': before['x-unknown'] });
    expect(statSync(h.file).mode & 0o777).toBe(0o640);
  });

  it('backs up the file first, like a fix: Undo takes the keys out again, byte for byte', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    const env = currentEnv(sb.vars);
    const paths = resolvePaths(env);
    const dropped = JSON.stringify({ auths: { 'ghcr.io': {} } }, null, '\t') + '\n';
    sb.write('home/.finch/config.json', dropped, 0o600);
    expect(await restoreLostKeys(paths, cfg(before), new Set(['ghcr.io']), env.now())).toContain('credsStore');
    expect(JSON.parse(readFileSync(paths.configJson, 'utf8')).credsStore).toBe('pass');
    const [backup] = await listBackups(paths.stateDir);
    expect(backup!.manifest).toMatchObject({ fixId: 'restore-lost-config-keys', state: 'applied' });
    const undone = await undoLastChange(env);
    expect(undone.message).toMatch(/^Undid "Put back config.json keys dropped during a login"/);
    expect(readFileSync(paths.configJson, 'utf8')).toBe(dropped);
    expect(statSync(paths.configJson).mode & 0o777).toBe(0o600);
  });

  it('never touches a file it cannot parse', async () => {
    const h = home({});
    writeFileSync(h.file, '{ broken');
    expect(await restoreLostKeys(h.paths, cfg(before), new Set(), new Date())).toEqual([]);
    expect(readFileSync(h.file, 'utf8')).toBe('{ broken');
  });
});
