// The checks about Amazon ECR and AWS — the ecr-login helper and its setup, AWS files and profiles, expiring
// logins — on homes shaped like each platform.
import { symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { runCheck } from '../../main/core/health/run-checks';
import type { Platform } from '../../shared/types';
import { fakeFinchScript, makeSandbox, platformLayout, type Sandbox } from '../support/sandbox-home';
import type { CheckId } from '../../shared/ids';

const check = (sb: Sandbox, id: CheckId) => runCheck(currentEnv(sb.vars), id);
const platforms: Platform[] = ['darwin', 'win32', 'linux'];
const ecrA = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const ecrB = '444455556666.dkr.ecr.us-east-1.amazonaws.com';

/** No system folders on PATH: /usr/bin has a real docker-credential-ecr-login on this machine. */
function home(platform: Platform, config?: object, yaml?: string, state?: object): Sandbox {
  const l = platformLayout(platform);
  const sb = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript() } });
  sb.vars.PATH = sb.file('bin');
  if (config) sb.write(l.configJson, config);
  if (yaml !== undefined) sb.write(l.finchYaml, yaml);
  if (state) sb.write('state/state.json', { version: 1, registries: state });
  return sb;
}
const ecrHelper = (sb: Sandbox) => sb.write('bin/docker-credential-ecr-login', '#!/bin/sh\necho "{}"\n', 0o755);

/** A home with a Finch of `version`: checks follow what that version does (main/core/finch/finch-rules.ts). */
function finchHome(platform: Platform, version: string, config?: object, yaml?: string): Sandbox {
  const sb = home(platform, config, yaml);
  sb.write('bin/finch', fakeFinchScript(`v${version}`), 0o755);
  return sb;
}
const ecrSetUp = { credHelpers: { [ecrA]: 'ecr-login' } };

describe.each(platforms)('ecr-login-helper on %s', (platform) => {
  it('not needed when ecr-login is not set up', async () => {
    expect((await check(home(platform, { credsStore: 'x' }), 'ecr-login-helper')).detail).toMatch(/is not needed/);
  });
});

describe('ecr-login-helper on macOS ≥ 1.15: only what Finch\u2019s credential server runs counts', () => {
  it.each(['1.15.1', '1.17.2', '1.18.0'])('Finch %s: not the user\u2019s PATH, not Finch\u2019s Linux copy; a file in /usr/local/bin is', async (v) => {
    const sb = finchHome('darwin', v, ecrSetUp);
    ecrHelper(sb); // on the app's PATH only
    sb.write('home/.finch/cred-helpers/docker-credential-ecr-login', '\x7fELF', 0o700);
    const c = await check(sb, 'ecr-login-helper');
    expect(c.status).toBe('error');
    expect(c.detail).toMatch(/none of the folders Finch\u2019s credential server searches/);
    expect(c.detail).toMatch(/cred-helpers\/docker-credential-ecr-login does not count: .* Linux program/);
    expect(c.detail).toMatch(/brew install docker-credential-helper-ecr.*readlink -f/);
    sb.write('root/usr/local/bin/docker-credential-ecr-login', '#!/bin/sh\n', 0o755);
    expect(await check(sb, 'ecr-login-helper')).toMatchObject({ status: 'ok', detail: expect.stringContaining(sb.file('root/usr/local/bin/docker-credential-ecr-login')) });
  });

  it('a Homebrew symlink: accepted by 1.15–1.17, refused by 1.18.0 with the copy command', async () => {
    for (const [v, status] of [['1.17.2', 'ok'], ['1.18.0', 'error']] as const) {
      const sb = finchHome('darwin', v, ecrSetUp);
      sb.write('root/opt/homebrew/Cellar/ecr/bin/docker-credential-ecr-login', '#!/bin/sh\n', 0o755);
      sb.write('root/opt/homebrew/bin/.keep', '');
      symlinkSync(sb.file('root/opt/homebrew/Cellar/ecr/bin/docker-credential-ecr-login'), sb.file('root/opt/homebrew/bin/docker-credential-ecr-login'));
      const c = await check(sb, 'ecr-login-helper');
      expect(c.status, v).toBe(status);
      if (status === 'error') expect(c.detail).toMatch(/symlink .* Finch 1\.18 and later ignore symlinked helpers.*sudo cp "\$\(readlink -f .*opt\/homebrew\/bin\/docker-credential-ecr-login\)"/s);
    }
  });
});

describe.each([
  ['win32', '1.18.0'],
  ['darwin', '1.14.1'],
] as const)('ecr-login-helper where helpers run in the VM (%s, Finch %s)', (platform, v) => {
  it('a copy on the host\u2019s PATH does not count; Finch\u2019s downloaded copy does; listed but not downloaded: restart the VM', async () => {
    const sb = finchHome(platform, v, {}, 'creds_helpers:\n  - ecr-login\n');
    ecrHelper(sb);
    expect(await check(sb, 'ecr-login-helper')).toMatchObject({ status: 'error', fix: { id: 'vm-restart' } });
    sb.write(`${platformLayout(platform).finchCredHelpers}/docker-credential-ecr-login`, 'ELF', 0o755);
    expect((await check(sb, 'ecr-login-helper')).detail).toMatch(/Finch\u2019s copy for the VM/);
  });

  it('credHelpers alone cannot reach the VM: the trade-off is explained, no fix offered', async () => {
    const c = await check(finchHome(platform, v, ecrSetUp), 'ecr-login-helper');
    expect(c.status).toBe('error');
    expect(c.fix).toBeUndefined();
    expect(c.detail).toMatch(/sets credsStore to "ecr-login" at every VM start/);
  });
});

it('ecr-login-helper on Linux: root\u2019s PATH counts; missing, the apt package', async () => {
  const sb = home('linux', ecrSetUp);
  expect(await check(sb, 'ecr-login-helper')).toMatchObject({ status: 'error', detail: expect.stringMatching(/apt install amazon-ecr-credential-helper/) });
  ecrHelper(sb);
  expect(await check(sb, 'ecr-login-helper')).toMatchObject({ status: 'ok', detail: expect.stringContaining(sb.file('bin/docker-credential-ecr-login')) });
});

it('on Linux creds_helpers in finch.yaml does not count as setting up ecr-login (Finch ignores it there)', async () => {
  expect((await check(home('linux', {}, 'creds_helpers: [ecr-login]\n'), 'ecr-login-helper')).detail).toMatch(/not needed/);
});

describe('ecr-login-config: credsStore ecr-login', () => {
  it.each([
    ['darwin', '1.17.2', 'sets credsStore back to "osxkeychain"'],
    ['darwin', '1.18.0', 'sets credsStore back to "osxkeychain"'],
    ['linux', '1.18.0', 'removes credsStore'],
  ] as const)('%s, Finch %s: an error with the per-registry fix', async (platform, v, says) => {
    const c = await check(finchHome(platform, v, { credsStore: 'ecr-login', auths: { [ecrA]: {} } }), 'ecr-login-config');
    expect(c).toMatchObject({ status: 'error', fix: { id: 'ecr-login-setup' } });
    expect(c.detail).toMatch(/cannot save passwords/);
    expect(c.detail).toContain(says);
  });

  it('macOS ≥ 1.15 with ecr-login in creds_helpers: an error even while credsStore is fine, since the next start breaks it', async () => {
    const c = await check(finchHome('darwin', '1.18.0', { credsStore: 'osxkeychain', credHelpers: { [ecrA]: 'ecr-login' } }, 'creds_helpers: [ecr-login]\n'), 'ecr-login-config');
    expect(c).toMatchObject({ status: 'error', fix: { id: 'ecr-login-setup' } });
    expect(c.detail).toMatch(/at the next VM start Finch 1\.18\.0 sets credsStore to "ecr-login"/);
  });

  it.each([
    ['win32', '1.18.0'],
    ['darwin', '1.14.1'],
  ] as const)('%s, Finch %s (helpers in the VM): a warning that explains the trade-off, no fix that cannot hold', async (platform, v) => {
    const c = await check(finchHome(platform, v, { credsStore: 'ecr-login', credHelpers: { [ecrA]: 'ecr-login' }, auths: { [ecrA]: {} } }, 'creds_helpers: [ecr-login]\n'), 'ecr-login-config');
    expect(c.status).toBe('warn');
    expect(c.fix).toBeUndefined();
    expect(c.detail).toMatch(/Choose one: keep ecr-login .* or leave creds_helpers without ecr-login/);
  });
});

describe.each(platforms)('ecr-login-config on %s', (platform) => {
  it('ECR registries not sent to ecr-login while it is set up: a warning naming them; all covered: ok', async () => {
    const partial = home(platform, { credHelpers: { [ecrA]: 'ecr-login' }, auths: { [ecrA]: {}, 'public.ecr.aws': {} } }, undefined, { [ecrB]: { added: true } });
    const c = await check(partial, 'ecr-login-config');
    expect(c).toMatchObject({ status: 'warn', fix: { id: 'ecr-login-setup' } });
    expect(c.detail).toContain(`${ecrB} and public.ecr.aws are not sent to it`);
    expect(c.detail).not.toContain(ecrA);
    const full = home(platform, { credHelpers: { [ecrA]: 'ecr-login', 'public.ecr.aws': 'ecr-login' }, auths: { [ecrA]: {} } });
    expect(await check(full, 'ecr-login-config')).toMatchObject({ status: 'ok', detail: `ecr-login fetches tokens for ${ecrA} and public.ecr.aws.` });
  });

  it('not set up: ok (tokens are a valid way to log in)', async () => {
    expect((await check(home(platform, { auths: { [ecrA]: {} } }), 'ecr-login-config')).detail).toMatch(/not set up/);
  });
});

describe.each(platforms)('AWS files on %s', (platform) => {
  it('aws-config-valid: none is fine, good files ok, a broken file an error naming the line', async () => {
    expect((await check(home(platform), 'aws-config-valid')).detail).toMatch(/no AWS files/);
    const good = home(platform);
    good.write('home/.aws/config', '[default]\nregion = eu-west-1\n');
    expect((await check(good, 'aws-config-valid')).status).toBe('ok');
    const bad = home(platform);
    bad.write('home/.aws/credentials', '[default]\naws_access_key_id = AKID\nthis is not a setting\n');
    const c = await check(bad, 'aws-config-valid');
    expect(c.status).toBe('error');
    expect(c.detail).toContain(bad.file('home/.aws/credentials'));
    // And the profiles check, which needs readable files, is skipped.
    expect((await check(bad, 'aws-profiles-present')).status).toBe('skipped');
  });

  it('aws-profiles-present: ok with profiles; without, a warning only when ECR is in use', async () => {
    const good = home(platform);
    good.write('home/.aws/config', '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-east-1\n');
    expect(await check(good, 'aws-profiles-present')).toMatchObject({ status: 'ok', detail: '2 AWS profiles: default and dev.' });
    expect((await check(home(platform, { auths: { 'ghcr.io': {} } }), 'aws-profiles-present')).status).toBe('ok');
    const c = await check(home(platform, { auths: { [ecrA]: {} } }), 'aws-profiles-present');
    expect(c.status).toBe('warn');
    expect(c.detail).toMatch(/aws configure sso/);
  });
});

describe.each(platforms)('logins-expired on %s', (platform) => {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const plainEcr = (host: string) => ({ [host]: { auth: Buffer.from('AWS:token').toString('base64') } });

  it('an ECR login made here that expired is an error; one expiring within the hour a warning; the rest ok', async () => {
    const expired = home(platform, { auths: { ...plainEcr(ecrA), ...plainEcr(ecrB) } }, undefined, { [ecrA]: { expiresAt: at(-60_000) }, [ecrB]: { expiresAt: at(30 * 60_000) } });
    const c = await check(expired, 'logins-expired');
    expect(c.status).toBe('error');
    expect(c.detail).toContain(`for ${ecrA} expired`);
    expect(c.detail).toContain(ecrB);
    const soon = home(platform, { auths: plainEcr(ecrB) }, undefined, { [ecrB]: { expiresAt: at(30 * 60_000) } });
    expect(await check(soon, 'logins-expired')).toMatchObject({ status: 'warn' });
    const fresh = home(platform, { auths: plainEcr(ecrB) }, undefined, { [ecrB]: { expiresAt: at(11 * 3_600_000) } });
    expect((await check(fresh, 'logins-expired')).detail).toMatch(/1 Amazon ECR login made here is valid/);
  });

  it('logins served by ecr-login have nothing to expire', async () => {
    const sb = home(platform, { credHelpers: { [ecrA]: 'ecr-login' } }, undefined, { [ecrA]: { expiresAt: at(-60_000) } });
    expect((await check(sb, 'logins-expired')).status).toBe('ok');
  });
});
