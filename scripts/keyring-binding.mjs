// The keychain's native binding, per target, for packaging. @napi-rs/keyring ships its binary as one npm package per
// OS and CPU (`@napi-rs/keyring-<os>-<arch>[-abi]`, listed in its optionalDependencies) and npm installs only the
// build machine's. electron-builder packs two architectures per OS in one run, so before each is packed the target's
// package is fetched — the exact version @napi-rs/keyring names, checked against package-lock.json's integrity — and
// put beside the host's in node_modules; electron-builder.yml keeps every other binding out of each package (by the
// name beforePack sets in FINCH_LOGINS_KEYRING_TARGET), and
// after packing the package is checked to hold its own binding and no other.
// Used by electron-builder (its beforePack and afterPack hooks are the functions of those names below) and by
// test/unit/shell-packaging.test.ts and keyring-binding.test.ts.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The napi-rs target name for an OS and CPU, as the package and the .node file are named. */
export function keyringTarget(platform, arch) {
  const abi = { linux: '-gnu', win32: '-msvc', darwin: '' }[platform];
  if (abi === undefined || !['x64', 'arm64'].includes(arch)) throw new Error(`no keychain binding is built for ${platform}-${arch}`);
  const target = `${platform}-${arch}${abi}`;
  return { target, pkg: `@napi-rs/keyring-${target}`, node: `keyring.${target}.node` };
}

/** Every binding the app may carry: the two CPUs of each OS it is built for. */
export const allTargets = ['darwin', 'win32', 'linux'].flatMap((p) => ['x64', 'arm64'].map((a) => keyringTarget(p, a)));

export function keyringVersion(dir = root) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/@napi-rs/keyring/package.json'), 'utf8')).version;
}

/** The sha512 integrity package-lock.json records for a package (npm records every optional platform package). */
export function lockedIntegrity(pkg, dir = root) {
  const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const entry = lock.packages[`node_modules/${pkg}`];
  if (!entry?.integrity) throw new Error(`package-lock.json has no integrity for ${pkg}: run npm install to record it`);
  return { version: entry.version, integrity: entry.integrity };
}

/**
 * Makes node_modules/<target's package> hold its binding: nothing to do when npm installed it (the build machine's),
 * else `npm pack` fetches the pinned version (npm's cache first), its integrity is checked, and it is unpacked.
 */
export function ensureKeyringBinding(platform, arch, dir = root) {
  const { pkg, node } = keyringTarget(platform, arch);
  const dest = path.join(dir, 'node_modules', pkg);
  if (fs.existsSync(path.join(dest, node))) return { pkg, fetched: false };
  const version = keyringVersion(dir);
  const locked = lockedIntegrity(pkg, dir);
  if (locked.version !== version) throw new Error(`package-lock.json pins ${pkg}@${locked.version}, but @napi-rs/keyring is ${version}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'finch-logins-keyring-'));
  try {
    const [packed] = JSON.parse(execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', `${pkg}@${version}`, '--json', '--pack-destination', work], { cwd: work, encoding: 'utf8', shell: process.platform === 'win32' }));
    const tarball = path.join(work, packed.filename);
    const digest = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
    if (digest !== locked.integrity) throw new Error(`${pkg}@${version} does not match package-lock.json's integrity (got ${digest})`);
    fs.mkdirSync(path.join(work, 'x'));
    execFileSync('tar', ['-xzf', tarball, '-C', path.join(work, 'x')]);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.cpSync(path.join(work, 'x', 'package'), dest, { recursive: true });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (!fs.existsSync(path.join(dest, node))) throw new Error(`${pkg} has no ${node}`);
  return { pkg, fetched: true };
}

/** The packaged app's resources folder (inside the .app bundle on macOS). */
export function resourcesDir(appOutDir, platform, productFilename) {
  return platform === 'darwin' ? path.join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources') : path.join(appOutDir, 'resources');
}

/** The keychain bindings a packaged app carries (electron-builder unpacks .node files beside app.asar). */
export function packagedBindings(resources) {
  const scope = path.join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs');
  if (!fs.existsSync(scope)) return [];
  return fs
    .readdirSync(scope)
    .filter((d) => d.startsWith('keyring-'))
    .flatMap((d) => fs.readdirSync(path.join(scope, d)).filter((f) => f.endsWith('.node')).map((f) => `@napi-rs/${d}/${f}`));
}

/** Throws unless the package holds exactly its target's binding. */
export function checkPackagedBinding(resources, platform, arch) {
  const { pkg, node } = keyringTarget(platform, arch);
  const found = packagedBindings(resources);
  if (found.length !== 1 || found[0] !== `${pkg}/${node}`) {
    throw new Error(`the ${platform}-${arch} package must carry ${pkg}/${node} and no other keychain binding; it has ${found.join(', ') || 'none'}`);
  }
}

/** electron-builder's arch (an enum number) as a name. */
export function archName(arch) {
  return typeof arch === 'string' ? arch : createRequire(import.meta.url)('builder-util').Arch[arch];
}

export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = archName(context.arch);
  // electron-builder.yml's files pattern reads this (the macro is expanded after beforePack, per architecture).
  process.env.FINCH_LOGINS_KEYRING_TARGET = keyringTarget(platform, arch).target;
  const r = ensureKeyringBinding(platform, arch);
  if (r.fetched) console.log(`  • keychain binding fetched for ${platform}-${arch}: ${r.pkg}`);
}

export async function afterPack(context) {
  const resources = resourcesDir(context.appOutDir, context.electronPlatformName, context.packager.appInfo.productFilename);
  checkPackagedBinding(resources, context.electronPlatformName, archName(context.arch));
}

