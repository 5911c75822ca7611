// The checks about Finch's files and its credential store, on homes shaped like each platform.
import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { runCheck } from '../../main/core/health/run-checks';
import type { Platform } from '../../shared/types';
import { fakeCredentialStoreScript, fakeFinchScript, hungHelperScript, makeSandbox, platformLayout, type Sandbox } from '../support/sandbox-home';
import type { CheckId } from '../../shared/ids';

const check = (sb: Sandbox, id: CheckId, vars: Record<string, string> = {}) => runCheck(currentEnv({ ...sb.vars, ...vars }), id);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const platforms: Platform[] = ['darwin', 'win32', 'linux'];

function home(platform: Platform, config?: object | string, yaml?: string): Sandbox {
  const l = platformLayout(platform);
  const sb = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript() } });
  if (config !== undefined) sb.write(l.configJson, config);
  if (yaml !== undefined) sb.write(l.finchYaml, yaml);
  return sb;
}

/** A working store helper named `name` on the sandbox PATH, keeping its logins under the sandbox. */
function withStore(sb: Sandbox, name: string, where = 'bin'): string {
  sb.write(`keyring/.keep`, '');
  const file = `${where}/docker-credential-${name}`;
  sb.write(file, fakeCredentialStoreScript(sb.file('keyring')), 0o755);
  return sb.file(file);
}

describe.each(platforms)('config.json and finch.yaml on %s', (platform) => {
  it('config-json-valid: a missing file is fine, a valid one ok, bad JSON an error, ignored entries a warning', async () => {
    expect((await check(home(platform), 'config-json-valid')).detail).toMatch(/does not exist yet/);
    expect(await check(home(platform, { auths: { 'ghcr.io': {} } }), 'config-json-valid')).toMatchObject({ status: 'ok' });
    const bad = await check(home(platform, '{"auths": {'), 'config-json-valid');
    expect(bad.status).toBe('error');
    expect(bad.detail).toContain(platformLayout(platform).configJson.split('/').pop()!);
    expect(bad.detail).toMatch(/not valid JSON/);
    expect(await check(home(platform, { auths: { 'ghcr.io': 'oops' } }), 'config-json-valid')).toMatchObject({ status: 'warn' });
    // Finch's own new config.json: valid, and every check that builds on it runs.
    const finchMade = home(platform, '{\n  "auths": null\n}');
    expect(await check(finchMade, 'config-json-valid')).toMatchObject({ status: 'ok' });
    for (const id of ['plaintext-credentials', 'creds-store-supported', 'logins-expired'] as const) expect((await check(finchMade, id)).status, id).not.toBe('skipped');
    // DOCKER_CONFIG in the app's own environment: logins and status move with it, Finch's pulls do not.
    const moved = home(platform, { auths: {} });
    moved.write('elsewhere/config.json', { auths: {} });
    const m = await check(moved, 'config-json-valid', { DOCKER_CONFIG: moved.file('elsewhere') });
    expect(m.status).toBe('warn');
    expect(m.detail).toContain(`but Finch\u2019s pulls read ${moved.file(platformLayout(platform).configJson)}`);
    // What builds on it is skipped when it fails.
    expect(await check(home(platform, '[]'), 'plaintext-credentials')).toMatchObject({ status: 'skipped' });
  });

  it('finch-yaml-valid: missing or valid is ok, broken YAML or a bad creds_helpers is an error', async () => {
    expect((await check(home(platform), 'finch-yaml-valid')).detail).toMatch(/does not exist yet/);
    expect(await check(home(platform, undefined, '# comment\ncpus: 2\ncreds_helpers: [ecr-login]\n'), 'finch-yaml-valid')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('creds_helpers: ecr-login'),
    });
    expect((await check(home(platform, undefined, 'cpus: [\n'), 'finch-yaml-valid')).status).toBe('error');
    expect((await check(home(platform, undefined, 'creds_helpers: ecr-login\n'), 'finch-yaml-valid')).status).toBe('error');
  });

  it('helper-responds: no store is fine; a store that answers is ok; one that hangs, fails or is missing is an error', async () => {
    expect((await check(home(platform, {}), 'helper-responds')).detail).toMatch(/no credsStore/);
    const store = platform === 'darwin' ? 'osxkeychain' : 'pass';
    // On macOS a helper counts only where Finch's credential server finds it (its own folders, not the user's PATH).
    const bin = platform === 'darwin' ? 'root/usr/local/bin' : 'bin';
    const good = home(platform, { credsStore: store });
    withStore(good, store, bin);
    expect((await check(good, 'helper-responds')).detail).toMatch(/answered `list` in \d+ ms \(0 logins\)/);
    const hung = home(platform, { credsStore: 'pass' });
    // In the sandbox's bin too: it comes before /usr/bin, which has a real docker-credential-pass on this machine.
    for (const dir of new Set(['bin', bin])) hung.write(`${dir}/docker-credential-pass`, hungHelperScript, 0o755);
    const h = await check(hung, 'helper-responds', { FINCH_LOGINS_HELPER_TIMEOUT_MS: '300' });
    expect(h.status).toBe('error');
    expect(h.detail).toMatch(/did not finish within 0.3 s and was stopped/);
    const failing = home(platform, { credsStore: 'pass' });
    for (const dir of new Set(['bin', bin])) failing.write(`${dir}/docker-credential-pass`, '#!/bin/sh\necho "pass store is not initialized"\nexit 1\n', 0o755);
    expect((await check(failing, 'helper-responds')).detail).toMatch(/pass store is not initialized/);
    const missing = await check(home(platform, { credsStore: 'nosuchstore' }), 'helper-responds');
    expect(missing.status).toBe('error');
    expect(missing.detail).toMatch(/docker-credential-nosuchstore was not found/);
  });
});

describe('creds-store-supported', () => {
  it('errors, with the remove fix, on wincred (Windows), secretservice (Linux) and osxkeychain off macOS', async () => {
    for (const [platform, store] of [['win32', 'wincred'], ['linux', 'secretservice'], ['linux', 'osxkeychain'], ['win32', 'osxkeychain']] as const) {
      const c = await check(home(platform, { credsStore: store }), 'creds-store-supported');
      expect(c, `${platform} ${store}`).toMatchObject({ status: 'error', fix: { id: 'remove-unsupported-store', label: `Remove credsStore "${store}"` } });
      // Its dependent is skipped rather than asking a store Finch cannot use.
      expect((await check(home(platform, { credsStore: store }), 'helper-responds')).status).toBe('skipped');
    }
  });

  it('desktop: an error without Docker Desktop (fix offers osxkeychain on macOS); ok with it', async () => {
    const mac = await check(home('darwin', { credsStore: 'desktop' }), 'creds-store-supported');
    expect(mac).toMatchObject({ status: 'error', fix: { id: 'remove-unsupported-store', label: 'Use osxkeychain instead of desktop' } });
    expect(mac.detail).toMatch(/Docker Desktop is not installed/);
    const withApp = home('darwin', { credsStore: 'desktop' });
    withApp.write('root/Applications/Docker.app/Contents/Info.plist', '<plist/>');
    expect((await check(withApp, 'creds-store-supported')).status).toBe('ok');
    const winWithHelper = home('win32', { credsStore: 'desktop' });
    winWithHelper.write('bin/docker-credential-desktop.exe', '#!/bin/sh\n', 0o755);
    expect((await check(winWithHelper, 'creds-store-supported')).status).toBe('ok');
    expect((await check(home('linux', { credsStore: 'desktop' }), 'creds-store-supported')).status).toBe('error');
  });

  it.each(platforms)('ok on %s when there is no credsStore, and for the stores Finch supports there', async (platform) => {
    expect((await check(home(platform, {}), 'creds-store-supported')).status).toBe('ok');
    if (platform === 'darwin') expect((await check(home(platform, { credsStore: 'osxkeychain' }), 'creds-store-supported')).status).toBe('ok');
    else expect((await check(home(platform, { credsStore: 'ecr-login' }), 'creds-store-supported')).status).toBe('ok');
  });
});

describe('osxkeychain-helper', () => {
  const mac = (config: object = { credsStore: 'osxkeychain' }, bundled = true) => {
    const sb = home('darwin', config);
    if (bundled) withStore(sb, 'osxkeychain', 'root/Applications/Finch/cred-helpers');
    return sb;
  };

  it('ok when a real file is in /usr/local/bin (or another folder the credential server searches)', async () => {
    const sb = mac();
    withStore(sb, 'osxkeychain', 'root/opt/homebrew/bin');
    expect((await check(sb, 'osxkeychain-helper')).detail).toContain(sb.file('root/opt/homebrew/bin/docker-credential-osxkeychain'));
  });

  it('a symlink (Homebrew; Finch 1.15–1.17\u2019s own installer) does not count from 1.18.0: an error with the copy fix', async () => {
    const sb = mac();
    sb.write('root/opt/homebrew/Cellar/docker-credential-helper/bin/docker-credential-osxkeychain', '#!/bin/sh\n', 0o755);
    sb.write('root/opt/homebrew/bin/.keep', '');
    symlinkSync(sb.file('root/opt/homebrew/Cellar/docker-credential-helper/bin/docker-credential-osxkeychain'), sb.file('root/opt/homebrew/bin/docker-credential-osxkeychain'));
    const c = await check(sb, 'osxkeychain-helper');
    expect(c).toMatchObject({ status: 'error', fix: { id: 'osxkeychain-setup' } });
    expect(c.detail).toMatch(/is a symlink .*ignore symlinked helpers/);
    // Finch 1.17 accepts it (its installer links /usr/local/bin/docker-credential-osxkeychain into the app bundle).
    sb.write('bin/finch', fakeFinchScript('v1.17.2'), 0o755);
    expect(await check(sb, 'osxkeychain-helper')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/a symlink, which Finch 1\.17\.2 accepts/) });
  });

  it('before 1.15 there is no credential server: credsStore osxkeychain breaks logins in the VM; without it, nothing is recommended', async () => {
    const old = mac();
    old.write('bin/finch', fakeFinchScript('v1.14.1'), 0o755);
    const c = await check(old, 'osxkeychain-helper');
    expect(c).toMatchObject({ status: 'error', fix: { id: 'remove-unsupported-store' } });
    expect(c.detail).toMatch(/inside its VM, which has no macOS keychain/);
    expect((await check(old, 'creds-store-supported')).status).toBe('error');
    const plain = mac({ auths: { 'ghcr.io': { auth: b64('a:b') } } });
    plain.write('bin/finch', fakeFinchScript('v1.14.1'), 0o755);
    expect(await check(plain, 'osxkeychain-helper')).toMatchObject({ status: 'ok' });
    const p = await check(plain, 'plaintext-credentials');
    expect(p.fix).toBeUndefined();
    expect(p.detail).not.toMatch(/keychain helper/);
  });

  it('missing: an error with the copy fix, or without a fix when Finch\u2019s own copy is gone too', async () => {
    const c = await check(mac(), 'osxkeychain-helper');
    expect(c).toMatchObject({ status: 'error', fix: { id: 'osxkeychain-setup', label: 'Copy the helper from Finch' } });
    expect(c.detail).toMatch(/`finch login` and pulls of private images fail/);
    const orphan = await check(mac({}, false), 'osxkeychain-helper');
    expect(orphan.status).toBe('error');
    expect(orphan.fix).toBeUndefined();
    expect(orphan.detail).toMatch(/reinstall Finch/);
  });

  it('installed but config.json sets no credsStore: a warning with the fix that sets it', async () => {
    const sb = mac({ auths: {} });
    withStore(sb, 'osxkeychain', 'root/usr/local/bin');
    expect(await check(sb, 'osxkeychain-helper')).toMatchObject({ status: 'warn', fix: { id: 'osxkeychain-setup', label: 'Use the macOS keychain' } });
  });

  it.each(['win32', 'linux'] as const)('skipped on %s, saying why', async (platform) => {
    expect((await check(home(platform, {}), 'osxkeychain-helper')).detail).toMatch(/Only Finch on macOS/);
  });
});

describe('plaintext-credentials', () => {
  const plain = { auths: { 'https://index.docker.io/v1/': { auth: b64('alice:hunter2') }, 'ghcr.io': {} } };

  it.each(platforms)('ok on %s when auths hold no secrets', async (platform) => {
    expect((await check(home(platform, { auths: { 'ghcr.io': {} }, credsStore: 'x' }), 'plaintext-credentials')).status).toBe('ok');
  });

  it('macOS with a working store: a warning naming the logins, with the move fix; never the secret', async () => {
    const sb = home('darwin', { ...plain, credsStore: 'osxkeychain' });
    withStore(sb, 'osxkeychain', 'root/usr/local/bin');
    const c = await check(sb, 'plaintext-credentials');
    expect(c).toMatchObject({ status: 'warn', fix: { id: 'migrate-plaintext', label: 'Move them to osxkeychain' } });
    expect(c.detail).toContain('https://index.docker.io/v1/');
    expect(c.detail).not.toContain('ghcr.io');
    expect(JSON.stringify(c)).not.toMatch(/hunter2|YWxpY2U/);
    // With credsStore set, Finch reads the keychain: the copy in the file is said to be unused.
    expect(c.detail).toMatch(/Finch does not even use the one for https:\/\/index\.docker\.io\/v1\/: a credential helper or the credsStore answers/);
    const noStore = home('darwin', plain);
    withStore(noStore, 'osxkeychain', 'root/usr/local/bin');
    expect((await check(noStore, 'plaintext-credentials')).detail).not.toMatch(/does not even use/);
  });

  it('macOS without a store: the keychain fix when the helper is installed or can be copied', async () => {
    const installed = home('darwin', plain);
    withStore(installed, 'osxkeychain', 'root/usr/local/bin');
    expect((await check(installed, 'plaintext-credentials')).fix?.id).toBe('migrate-plaintext');
    const copyable = home('darwin', plain);
    withStore(copyable, 'osxkeychain', 'root/Applications/Finch/cred-helpers');
    expect((await check(copyable, 'plaintext-credentials')).fix?.id).toBe('osxkeychain-setup');
  });

  it.each(['win32', 'linux'] as const)('%s has no supported store: a warning without a fix that says what to do', async (platform) => {
    const c = await check(home(platform, plain), 'plaintext-credentials');
    expect(c.status).toBe('warn');
    expect(c.fix).toBeUndefined();
    expect(c.detail).toMatch(/Finch supports no system credential store/);
  });

  it('a store that is not installed cannot take them', async () => {
    const c = await check(home('win32', { ...plain, credsStore: 'nosuchstore' }), 'plaintext-credentials');
    expect(c.fix).toBeUndefined();
    expect(c.detail).toMatch(/docker-credential-nosuchstore is not installed/);
  });
});

describe('helper-responds on macOS ≥ 1.15: every helper where Finch\u2019s credential server finds it', () => {
  it('a store or credHelpers entry the app can run but the server cannot (~/.docker/bin, a symlink on 1.18) fails pulls', async () => {
    const sb = home('darwin', { credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } });
    withStore(sb, 'desktop', 'bin'); // e.g. ~/.docker/bin: on the user's PATH, not the server's
    const c = await check(sb, 'helper-responds');
    expect(c.status).toBe('error');
    expect(c.detail).toMatch(/docker-credential-desktop: in none of .*docker-credential-gcloud: in none of/);
    withStore(sb, 'desktop', 'root/usr/local/bin');
    sb.write('root/opt/homebrew/real/docker-credential-gcloud', '#!/bin/sh\n', 0o755);
    sb.write('root/usr/local/bin/.keep', '');
    symlinkSync(sb.file('root/opt/homebrew/real/docker-credential-gcloud'), sb.file('root/usr/local/bin/docker-credential-gcloud'));
    const linked = await check(sb, 'helper-responds');
    expect(linked.status).toBe('warn');
    expect(linked.detail).toMatch(/docker-credential-gcloud: .* is a symlink .* Finch 1\.18 and later ignore symlinked helpers/);
  });
});
