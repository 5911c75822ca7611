// electron-builder.yml: valid for electron-builder 26, all three platforms described, the fuses set, and — on
// Linux, offline — an actual `electron-builder --dir` run against a stand-in Electron carrying a fuse wire, to
// check what lands in the package and that the fuses are flipped as configured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { appUserModelId } from '../../main/app/lifecycle';
import * as keyring from '../../scripts/keyring-binding.mjs';

const root = path.resolve(__dirname, '../..');
const require = createRequire(__filename);
const config = YAML.parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const expectedFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml', () => {
  it('matches electron-builder\u2019s schema', { timeout: 30_000 }, async () => {
    // app-builder-lib comes with electron-builder; its own validator is what `electron-builder` runs first.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNodes: false } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('has the appId the app uses as its Windows AppUserModelID (notifications need them to match)', () => {
    expect(config.appId).toBe(appUserModelId);
  });

  it('names the app "Finch Logins" in package.json too (Electron reads it there: "Quit Finch Logins"), and publishes nothing', () => {
    expect(pkg.productName).toBe('Finch Logins');
    expect(config.productName).toBe(pkg.productName);
    expect(config.publish).toBeNull();
  });

  it('keeps the renderer’s libraries out of the production dependencies (the renderer bundle has them)', () => {
    for (const name of ['react', 'react-dom', 'zustand']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('ships only the built bundles and package.json, with the icons beside app.asar', () => {
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'assets', to: 'assets', filter: ['**/*.png', '**/*.ico'] }]);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('fetches each architecture\u2019s keychain binding before packing, checks it after, and keeps the others out', () => {
    expect([config.beforePack, config.afterPack]).toEqual(['scripts/keyring-binding.mjs', 'scripts/keyring-binding.mjs']);
    expect([typeof keyring.beforePack, typeof keyring.afterPack]).toEqual(['function', 'function']);
    expect(config.files).toContain('!node_modules/@napi-rs/keyring-!(${env.FINCH_LOGINS_KEYRING_TARGET})/**');
  });

  it('sets the fuses of the security checklist', () => {
    expect(config.electronFuses).toMatchObject(expectedFuses);
  });

  it('builds dmg and zip for both Macs, hardened, with entitlements and a menu-bar-only switch', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', entitlementsInherit: 'build/entitlements.mac.plist' });
    expect(config.mac.extendInfo.LSUIElement).toBe(false);
    expect(pkg.scripts['package:mac-menu-bar']).toMatch(/-c\.mac\.extendInfo\.LSUIElement=1/);
  });

  it('grants the hardened runtime nothing but JIT', () => {
    const plist = readFileSync(path.join(root, 'build/entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds NSIS for Windows and AppImage + deb for Linux, each with the app icon', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
    for (const p of ['mac', 'win', 'linux']) expect(existsSync(path.join(root, config[p].icon))).toBe(true);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb refuses to build without one
  });
});

describe('electron-builder --dir, offline', () => {
  const built = existsSync(path.join(root, 'out/main/index.js'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.runIf(process.platform === 'linux' && built)(
    'packs both architectures: out/** and package.json into app.asar, the icons beside it, each CPU\u2019s own keychain binding, the fuses flipped',
    () => {
      // A stand-in "Electron": a script carrying the v1 fuse wire as Electron 45 ships it (8 fuses, defaults). The
      // same folder serves both architectures (electronDist); only the app's own files differ between them.
      const dist = path.join(work, 'electron-dist');
      mkdirSync(dist);
      const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
      writeFileSync(path.join(dist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n#${sentinel}`), Buffer.from([1, 8]), Buffer.from('10110001\n')]), { mode: 0o755 });
      // The other CPU's binding present in node_modules beforehand (as after an earlier cross build): the x64 package
      // must still leave it out. beforePack fetches it when missing (npm pack of the version package-lock.json pins).
      keyring.ensureKeyringBinding('linux', 'arm64');
      const output = path.join(work, 'dist');
      const run = spawnSync(
        path.join(root, 'node_modules/.bin/electron-builder'),
        ['--linux', 'dir', '--x64', '--arm64', `-c.electronDist=${dist}`, `-c.directories.output=${output}`, '-c.npmRebuild=false'],
        { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
      );
      expect(run.status, run.stdout + run.stderr).toBe(0);

      const asar = require('@electron/asar');
      for (const [folder, arch] of [['linux-unpacked', 'x64'], ['linux-arm64-unpacked', 'arm64']] as const) {
        const resources = path.join(output, folder, 'resources');
        const files = asar.listPackage(path.join(resources, 'app.asar')) as string[];
        const own = files.filter((f) => !f.startsWith('/node_modules'));
        expect(own).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
        expect(own.every((f) => f === '/package.json' || f === '/out' || f.startsWith('/out/'))).toBe(true);
        expect(existsSync(path.join(resources, 'assets/tray/ok/trayTemplate@2x.png'))).toBe(true);
        expect(existsSync(path.join(resources, 'assets/icon.png'))).toBe(true);
        expect(existsSync(path.join(resources, 'assets/tray/ok/tray.ico'))).toBe(true);
        const modules = files.filter((f) => /^\/node_modules\/[^/]+(\/[^/]+)?$/.test(f));
        for (const name of ['react', 'react-dom', 'zustand']) expect(modules).not.toContain(`/node_modules/${name}`);
        expect(modules).toContain('/node_modules/zod');

        // Exactly this CPU's keychain binding, unpacked beside app.asar where Node can load it; it is an ELF for
        // that CPU (e_machine 62 = x86-64, 183 = AArch64).
        expect(keyring.packagedBindings(resources)).toEqual([`@napi-rs/keyring-linux-${arch}-gnu/keyring.linux-${arch}-gnu.node`]);
        const elf = readFileSync(path.join(resources, 'app.asar.unpacked/node_modules', keyring.packagedBindings(resources)[0]!));
        expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
        expect(elf.readUInt16LE(18)).toBe(arch === 'x64' ? 62 : 183);

        const binary = readFileSync(path.join(output, folder, 'finch-logins'));
        const wire = binary.subarray(binary.indexOf(sentinel) + sentinel.length + 2, binary.indexOf(sentinel) + sentinel.length + 10).toString();
        // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, FileProtocolExtraPrivileges
        expect(wire).toBe('01001100');
      }
    },
    240_000,
  );

  it('afterPack refuses a package that carries no binding, another CPU\u2019s, or two', () => {
    const resources = path.join(work, 'fake-resources');
    const put = (pkg: string, node: string) => {
      mkdirSync(path.join(resources, 'app.asar.unpacked/node_modules/@napi-rs', pkg), { recursive: true });
      writeFileSync(path.join(resources, 'app.asar.unpacked/node_modules/@napi-rs', pkg, node), '');
    };
    expect(() => keyring.checkPackagedBinding(resources, 'linux', 'arm64')).toThrow(/must carry @napi-rs\/keyring-linux-arm64-gnu\/keyring.linux-arm64-gnu.node .* it has none/);
    put('keyring-linux-x64-gnu', 'keyring.linux-x64-gnu.node');
    expect(() => keyring.checkPackagedBinding(resources, 'linux', 'arm64')).toThrow(/it has @napi-rs\/keyring-linux-x64-gnu/);
    put('keyring-linux-arm64-gnu', 'keyring.linux-arm64-gnu.node');
    expect(() => keyring.checkPackagedBinding(resources, 'linux', 'arm64')).toThrow(/and no other/);
    expect(keyring.resourcesDir('/o/mac-arm64', 'darwin', 'Finch Logins')).toBe('/o/mac-arm64/Finch Logins.app/Contents/Resources');
    expect(keyring.resourcesDir('/o/win-unpacked', 'win32', 'Finch Logins')).toBe(path.join('/o/win-unpacked', 'resources'));
  });
});
