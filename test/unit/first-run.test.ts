// First run: Finch has not made config.json yet. Finch makes it itself at its first login (macOS ≥ 1.15:
// credserver.EnsureConfigExists in runfinch/finch pkg/credserver/utils_darwin.go, v1.15.0+, with credsStore
// "osxkeychain" when the helper is there), so a missing
// config.json is the normal state of a new install, not something to warn about.
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { runChecks } from '../../main/core/health/run-checks';
import { fakeCredentialStoreScript, fakeFinchScript, makeSandbox } from '../support/sandbox-home';

const firstRun = (platform: 'darwin' | 'win32' | 'linux', version = 'v1.19.0') => {
  const sb = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript(version, 'Running') } });
  if (platform === 'darwin') {
    sb.write('keyring/.keep', '');
    sb.write('root/usr/local/bin/docker-credential-osxkeychain', fakeCredentialStoreScript(sb.file('keyring')), 0o755);
  }
  return sb;
};

describe('a first run, before Finch has made config.json', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: no check warns or fails', async (platform) => {
    const checks = await runChecks(currentEnv(firstRun(platform).vars));
    expect(checks.filter((c) => c.status === 'warn' || c.status === 'error').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    expect(checks.find((c) => c.id === 'config-json-valid')?.detail).toMatch(/does not exist yet; Finch creates it at the first login/);
  });

  it('macOS ≥ 1.15 with the keychain helper: Finch will make it with credsStore "osxkeychain", and the check says so', async () => {
    const c = (await runChecks(currentEnv(firstRun('darwin').vars))).find((x) => x.id === 'osxkeychain-helper')!;
    expect(c.status).toBe('ok');
    expect(c.detail).toMatch(/^config\.json does not exist yet: Finch 1\.19\.0 creates it at its first login with credsStore "osxkeychain"/);
    expect(c.fix).toBeUndefined();
  });

  it('once config.json exists without a credsStore, the warning and its fix are back', async () => {
    const sb = firstRun('darwin');
    sb.write('home/.finch/config.json', '{\n  "auths": null\n}');
    const c = (await runChecks(currentEnv(sb.vars))).find((x) => x.id === 'osxkeychain-helper')!;
    expect(c).toMatchObject({ status: 'warn', fix: { id: 'osxkeychain-setup' } });
  });
});
