// The keychain's native binding (issue 11, point 4): which package each installer needs, and a clear error when a
// build lacks the binding for the computer it runs on. The packing itself is in shell-packaging.test.ts.
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyringPackage, loadKeyring, systemKeychain } from '../../main/core/login/keychain';
import * as packing from '../../scripts/keyring-binding.mjs';
import { tempDir } from '../support/sandbox-home';

const require = createRequire(__filename);

describe('which binding each installer carries', () => {
  it('names the napi-rs package and .node file per OS and CPU, for the two CPUs of each OS', () => {
    expect(packing.allTargets.map((t) => [t.pkg, t.node])).toEqual([
      ['@napi-rs/keyring-darwin-x64', 'keyring.darwin-x64.node'],
      ['@napi-rs/keyring-darwin-arm64', 'keyring.darwin-arm64.node'],
      ['@napi-rs/keyring-win32-x64-msvc', 'keyring.win32-x64-msvc.node'],
      ['@napi-rs/keyring-win32-arm64-msvc', 'keyring.win32-arm64-msvc.node'],
      ['@napi-rs/keyring-linux-x64-gnu', 'keyring.linux-x64-gnu.node'],
      ['@napi-rs/keyring-linux-arm64-gnu', 'keyring.linux-arm64-gnu.node'],
    ]);
    for (const t of packing.allTargets) {
      const [platform, arch] = t.target.split('-') as [string, string];
      expect(keyringPackage(platform, arch)).toBe(t.pkg); // the app's error names what the packer packs
    }
    expect(() => packing.keyringTarget('linux', 'ia32')).toThrow(/no keychain binding/);
  });

  it('each is pinned in package-lock.json at @napi-rs/keyring\u2019s exact version, with its integrity', () => {
    const version = (require('@napi-rs/keyring/package.json') as { version: string; optionalDependencies: Record<string, string> });
    for (const t of packing.allTargets) {
      expect(version.optionalDependencies[t.pkg]).toBe(version.version);
      expect(packing.lockedIntegrity(t.pkg)).toEqual({ version: version.version, integrity: expect.stringMatching(/^sha512-/) });
    }
  });
});

describe('a build without this computer\u2019s binding', () => {
  it('says which module is missing and what to install, instead of "Cannot find native binding"', async () => {
    // The real napi-rs loader, copied where no platform package can be found: it fails the way a wrong-CPU build does.
    const dir = tempDir('fl-keyring-');
    const loader = path.dirname(require.resolve('@napi-rs/keyring/package.json'));
    mkdirSync(path.join(dir, 'node_modules/@napi-rs'), { recursive: true });
    cpSync(loader, path.join(dir, 'node_modules/@napi-rs/keyring'), { recursive: true });
    const load = async () => createRequire(path.join(dir, 'x.js'))('@napi-rs/keyring');
    await expect(load()).rejects.toThrow(/Cannot find native binding/);
    await expect(loadKeyring(load, 'linux', 'arm64')).rejects.toMatchObject({
      kind: 'keychain-failed',
      message: expect.stringMatching(/lacks @napi-rs\/keyring-linux-arm64-gnu, the keychain module for linux on arm64 \(Cannot find native binding/),
      hint: expect.stringMatching(/build made for this computer's processor \(arm64\)/),
    });
    await expect(systemKeychain(load)).rejects.toMatchObject({ kind: 'keychain-failed' });
  });

  it('loads normally when the binding is there', async () => {
    const k = await loadKeyring();
    expect(typeof k.AsyncEntry).toBe('function');
  });
});
