// Every fix end to end against the real credential helper (docker-credential-secretservice over an unlocked
// gnome-keyring, started by e2e/stack/with-stack.sh) and the real login engine (the stack's finch stand-in over the
// docker CLI and a real registry): secrets land in the keyring, fixes are idempotent, refuse malformed files,
// abort on concurrent changes, and undo restores byte for byte.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { applyFix, previewFix, undoLastChange } from '../../main/core/fixes/fix-service';
import { readVmRecord } from '../../main/core/vm/vm-record';
import type { VmLogLine } from '../../shared/types';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';
import { needs } from '../support/needs';

const helper = '/usr/bin/docker-credential-secretservice';
const keyringUp = (() => {
  const r = spawnSync(helper, ['list'], { timeout: 5_000, encoding: 'utf8' });
  return r.status === 0;
})();
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const host = (name: string) => `${name}-${run}.example.com`;
const used: string[] = [];
const b64 = (s: string) => Buffer.from(s).toString('base64');

function keyringGet(serverUrl: string): { Username: string; Secret: string } | null {
  const r = spawnSync(helper, ['get'], { input: serverUrl, encoding: 'utf8' });
  return r.status === 0 ? (JSON.parse(r.stdout) as { Username: string; Secret: string }) : null;
}
function keyringStore(serverUrl: string, user: string, secret: string) {
  used.push(serverUrl);
  execFileSync(helper, ['store'], { input: JSON.stringify({ ServerURL: serverUrl, Username: user, Secret: secret }) });
}

/** A macOS-shaped home; the session bus comes along so helpers reach the keyring. */
function macHome(config: object | string, yaml?: string): Sandbox {
  const sb = makeSandbox({
    platform: 'darwin',
    vars: {
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
      ...(process.env.XDG_RUNTIME_DIR ? { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR } : {}),
    },
  });
  // The stack's finch stand-in is a node script: node must be on the PATH finch is given.
  sb.vars.PATH = [sb.file('bin'), path.dirname(process.execPath), '/usr/bin', '/bin'].join(':');
  sb.write('home/.finch/config.json', typeof config === 'string' ? config : JSON.stringify(config, null, 2) + '\n', 0o640);
  if (yaml !== undefined) sb.write('home/.finch/finch.yaml', yaml);
  return sb;
}
/** Finch's bundled keychain helper, played by the real Secret Service helper (same protocol, real keyring). */
const keychainWrapper = `#!/bin/sh\nexec ${helper} "$@"\n`;
const cfgRel = 'home/.finch/config.json';
const cfg = (sb: Sandbox) => JSON.parse(readFileSync(sb.file(cfgRel), 'utf8')) as Record<string, unknown>;
const env = (sb: Sandbox) => currentEnv(sb.vars);
async function apply(sb: Sandbox, fixId: string, onVmLine?: (l: VmLogLine) => void) {
  const preview = await previewFix(env(sb), fixId);
  return { preview, result: await applyFix(env(sb), fixId, preview.token, onVmLine ? { onVmLine } : {}) };
}
async function expectIdempotent(sb: Sandbox, fixId: string, rels: string[]) {
  const before = rels.map((r) => readFileSync(sb.file(r)));
  const { preview, result } = await apply(sb, fixId);
  expect(preview.changes).toEqual([]);
  expect(result.applied).toBe(false);
  expect(rels.map((r) => readFileSync(sb.file(r)))).toEqual(before);
}
/** `finch login` through the stack's finch stand-in: the docker CLI does the login against the real registry. */
function finchLogin(sb: Sandbox, extraPath: string[] = [], server = process.env.FL_REGISTRY!) {
  return spawnSync(process.env.FL_FINCH!, ['login', server, '-u', process.env.FL_REGISTRY_USER!, '--password-stdin'], {
    input: process.env.FL_REGISTRY_PASSWORD,
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: sb.home,
      DOCKER_CONFIG: sb.file('home/.finch'),
      PATH: [...extraPath, process.env.PATH].join(':'),
      // A host of this run's own, served by the stack's registry: its keyring entry is not shared with other files.
      FL_FINCH_REGISTRY_MAP: JSON.stringify({ [server]: process.env.FL_REGISTRY }),
    },
  });
}

needs('an unlocked Secret Service keyring and docker-credential-secretservice (e2e/stack/with-stack.sh)', keyringUp)('fixes against the real keyring and login engine', () => {
  afterAll(() => {
    for (const u of used) spawnSync(helper, ['erase'], { input: u });
  });

  it('migrate-plaintext: secrets move into the keyring (readable with docker-credential-secretservice get), then leave the file; idempotent; undo is byte for byte', async () => {
    const ghcr = host('ghcr');
    const hub = 'https://index.docker.io/v1/';
    const tokenHost = host('token');
    used.push(ghcr, hub, tokenHost);
    const original = {
      credsStore: 'secretservice',
      auths: { [hub]: { auth: b64(`alice:hunter2-${run}`) }, [`https://${ghcr}/v2/`]: { auth: b64('octo:ghp_x:y'), email: 'o@x' }, [tokenHost]: { identitytoken: `idt-${run}` } },
      'x-unknown': { kept: true },
    };
    const sb = macHome(original);
    const before = readFileSync(sb.file(cfgRel));
    const { preview, result } = await apply(sb, 'migrate-plaintext');
    expect(JSON.stringify(preview)).not.toMatch(new RegExp(`hunter2|idt-${run}|${b64(`alice:hunter2-${run}`)}`));
    expect(keyringGet(hub)).toMatchObject({ Username: 'alice', Secret: `hunter2-${run}` });
    expect(keyringGet(ghcr)).toMatchObject({ Username: 'octo', Secret: 'ghp_x:y' });
    expect(keyringGet(tokenHost)).toMatchObject({ Username: '<token>', Secret: `idt-${run}` });
    expect(cfg(sb)).toEqual({ credsStore: 'secretservice', auths: { [hub]: {}, [`https://${ghcr}/v2/`]: { email: 'o@x' }, [tokenHost]: {} }, 'x-unknown': { kept: true } });
    expect(statSync(sb.file(cfgRel)).mode & 0o777).toBe(0o640);
    expect(result).toMatchObject({ applied: true, check: { id: 'plaintext-credentials', status: 'ok' } });
    await expectIdempotent(sb, 'migrate-plaintext', [cfgRel]);
    const undo = await undoLastChange(env(sb));
    expect(undo.restored).toEqual([sb.file(cfgRel)]);
    expect(readFileSync(sb.file(cfgRel))).toEqual(before);
    expect(statSync(sb.file(cfgRel)).mode & 0o777).toBe(0o640);
  });

  it('osxkeychain-setup: copies Finch\u2019s helper (not a link), moves plain-text logins into the keychain, sets credsStore; then a real `finch login` stores in the keychain', async () => {
    const ghcr = host('setup');
    used.push(ghcr, process.env.FL_REGISTRY ?? '');
    const sb = macHome({ auths: { [ghcr]: { auth: b64(`octo:s3cret-${run}`) } } });
    sb.write('root/Applications/Finch/cred-helpers/docker-credential-osxkeychain', keychainWrapper, 0o755);
    const before = readFileSync(sb.file(cfgRel));
    const { result } = await apply(sb, 'osxkeychain-setup');
    const copy = sb.file('root/usr/local/bin/docker-credential-osxkeychain');
    expect(lstatSync(copy).isSymbolicLink()).toBe(false);
    expect(statSync(copy).mode & 0o777).toBe(0o755);
    expect(readFileSync(copy, 'utf8')).toBe(keychainWrapper);
    expect(keyringGet(ghcr)).toMatchObject({ Username: 'octo', Secret: `s3cret-${run}` });
    expect(cfg(sb)).toEqual({ auths: { [ghcr]: {} }, credsStore: 'osxkeychain' });
    expect(result.check).toMatchObject({ id: 'osxkeychain-helper', status: 'ok' });
    await expectIdempotent(sb, 'osxkeychain-setup', [cfgRel, 'root/usr/local/bin/docker-credential-osxkeychain']);

    if (process.env.FL_FINCH && process.env.FL_REGISTRY) {
      const login = finchLogin(sb, [sb.file('root/usr/local/bin')]);
      expect(login.status, login.stderr).toBe(0);
      expect(keyringGet(process.env.FL_REGISTRY)).toMatchObject({ Secret: process.env.FL_REGISTRY_PASSWORD });
      expect(JSON.stringify(cfg(sb))).not.toContain(process.env.FL_REGISTRY_PASSWORD!);
      // The login changed config.json, so undo refuses rather than lose it.
      await expect(undoLastChange(env(sb))).rejects.toMatchObject({ kind: 'changed-since-fix' });
    } else {
      await undoLastChange(env(sb));
      expect(readFileSync(sb.file(cfgRel))).toEqual(before);
      expect(existsSync(copy)).toBe(false);
    }
  });

  it.runIf(!!process.env.FL_FINCH)('ecr-login-setup holds across VM starts (macOS, Finch 1.18): ecr-login out of creds_helpers, per-registry credHelpers, `finch login` works after every start', async () => {
    const ecr = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
    // What Finch's guide leads to: ecr-login in creds_helpers. At each start Finch then sets credsStore to ecr-login.
    const sb = macHome({ credsStore: 'osxkeychain', auths: { [ecr]: {} } }, '# my Finch\ncpus: 4 # four cores\ncreds_helpers:\n  - ecr-login\n');
    // This Mac's keychain holds no logins yet: its listing must not show what other test files left in the shared
    // keyring (their ECR hosts would be "not sent to ecr-login" here and turn the check into a warning).
    sb.write('root/usr/local/bin/docker-credential-osxkeychain', `#!/bin/sh\n[ "$1" = list ] && { echo '{}'; exit 0; }\nexec ${helper} "$@"\n`, 0o755);
    const vmState = sb.file('vm-state');
    writeFileSync(vmState, 'Stopped\n');
    const finch = (...args: string[]) =>
      spawnSync(process.env.FL_FINCH!, args, { encoding: 'utf8', env: { ...process.env, HOME: sb.home, DOCKER_CONFIG: '', FL_FINCH_VM_STATE: vmState, FL_FINCH_VM_DELAY_MS: '5' } });
    expect(finch('vm', 'start').status).toBe(0);
    expect(cfg(sb).credsStore).toBe('ecr-login');
    const broken = finchLogin(sb, [sb.file('root/usr/local/bin')]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/level=fatal/);

    const { preview, result } = await apply(sb, 'ecr-login-setup');
    expect(preview.explanation).toMatch(/Why not `credsStore: ecr-login`/);
    // Finch rewrote finch.yaml (comments gone) when it ran; the fix takes ecr-login out of what is there.
    expect(readFileSync(sb.file('home/.finch/finch.yaml'), 'utf8')).not.toMatch(/ecr-login/);
    expect(cfg(sb)).toEqual({ auths: { [ecr]: {} }, credsStore: 'osxkeychain', credHelpers: { [ecr]: 'ecr-login' } });
    expect(result).toMatchObject({ applied: true, needsVmRestart: false, check: { status: 'ok' } });
    await expectIdempotent(sb, 'ecr-login-setup', [cfgRel, 'home/.finch/finch.yaml']);

    // The next starts leave it alone, and logins to other registries keep working.
    for (let i = 0; i < 2; i++) {
      expect(finch('vm', 'stop').status).toBe(0);
      expect(finch('vm', 'start').status).toBe(0);
      expect(cfg(sb).credsStore).toBe('osxkeychain');
    }
    const other = host('after-starts');
    used.push(other);
    const login = finchLogin(sb, [sb.file('root/usr/local/bin')], other);
    expect(login.status, login.stderr).toBe(0);
    expect(keyringGet(other)).toMatchObject({ Secret: process.env.FL_REGISTRY_PASSWORD });
    expect(cfg(sb).credHelpers).toEqual({ [ecr]: 'ecr-login' });
  });

  it('remove-unsupported-store (Linux, secretservice): credsStore goes; the keyring\u2019s logins stay; idempotent; undo byte for byte', async () => {
    const kept = host('kept');
    keyringStore(kept, 'u', `p-${run}`);
    const sb = makeSandbox({ platform: 'linux', vars: { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '' } });
    const rel = process.getuid?.() === 0 ? 'home/.docker/config.json' : 'root/root/.docker/config.json';
    const original = `{\n\t"auths": {\n\t\t"${kept}": {}\n\t},\n\t"credsStore": "secretservice"\n}\n`;
    sb.write(rel, original, 0o600);
    const { result } = await apply(sb, 'remove-unsupported-store');
    expect(readFileSync(sb.file(rel), 'utf8')).toBe(`{\n\t"auths": {\n\t\t"${kept}": {}\n\t}\n}\n`);
    expect(result.check).toMatchObject({ id: 'creds-store-supported', status: 'ok' });
    expect(keyringGet(kept)).toMatchObject({ Secret: `p-${run}` });
    await expectIdempotent(sb, 'remove-unsupported-store', [rel]);
    await undoLastChange(currentEnv(sb.vars));
    expect(readFileSync(sb.file(rel), 'utf8')).toBe(original);
  });

  it.runIf(!!process.env.FL_FINCH)('vm-restart through the stack\u2019s finch: stop then start, output streamed, start recorded', async () => {
    const sb = macHome({}, 'cpus: 2\n');
    sb.vars.FINCH_LOGINS_FINCH = process.env.FL_FINCH!;
    sb.vars.FL_FINCH_VM_STATE = sb.file('vm-state');
    sb.vars.FL_FINCH_VM_DELAY_MS = '50';
    writeFileSync(sb.file('vm-state'), 'Running\n');
    const lines: VmLogLine[] = [];
    const { result } = await apply(sb, 'vm-restart', (l) => lines.push(l));
    expect(result).toMatchObject({ applied: true, check: { id: 'finch-vm-running', status: 'ok' } });
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual([
      expect.stringMatching(/level=info msg="Stopping existing Finch virtual machine..."/),
      expect.stringMatching(/Finch virtual machine stopped successfully/),
      expect.stringMatching(/Starting existing Finch virtual machine/),
      expect.stringMatching(/Finch virtual machine started successfully/),
    ]);
    expect((await readVmRecord(sb.file('state'))).lastStart).toBeTruthy();
  });

  describe('refusals, with the real helper untouched', () => {
    it('a config.json that does not parse: nothing stored, bytes unchanged', async () => {
      const h = host('malformed');
      used.push(h);
      const text = `{"credsStore":"secretservice","auths":{"${h}":{"auth":"${b64('u:p')}"}}`;
      const sb = macHome(text);
      await expect(previewFix(env(sb), 'migrate-plaintext')).rejects.toMatchObject({ kind: 'file-invalid' });
      expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(text);
      expect(keyringGet(h)).toBeNull();
    });

    it('a change between preview and apply aborts the apply: nothing stored, the new bytes stay', async () => {
      const h = host('between');
      used.push(h);
      const sb = macHome({ credsStore: 'secretservice', auths: { [h]: { auth: b64('u:p') } } });
      const preview = await previewFix(env(sb), 'migrate-plaintext');
      const edited = JSON.stringify({ credsStore: 'secretservice', auths: { [h]: { auth: b64('u:p2') } } });
      writeFileSync(sb.file(cfgRel), edited);
      await expect(applyFix(env(sb), 'migrate-plaintext', preview.token)).rejects.toMatchObject({ kind: 'changed-since-preview' });
      expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe(edited);
      expect(keyringGet(h)).toBeNull();
    });

    it('a change while the fix runs (Finch writing config.json during the store) aborts the write', async () => {
      const h = host('during');
      used.push(h);
      const sb = macHome({ credsStore: 'racy', auths: { [h]: { auth: b64('u:p') } } });
      // A helper that stores for real, and meanwhile "Finch" rewrites config.json.
      sb.write('bin/docker-credential-racy', `#!/bin/sh\nif [ "$1" = store ]; then printf '{"rewritten":true}' > ${JSON.stringify(sb.file(cfgRel))}; fi\nexec ${helper} "$@"\n`, 0o755);
      const preview = await previewFix(env(sb), 'migrate-plaintext');
      const err = await applyFix(env(sb), 'migrate-plaintext', preview.token).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'changed-since-preview', message: expect.stringMatching(/changed while the fix was being applied/) });
      expect(readFileSync(sb.file(cfgRel), 'utf8')).toBe('{"rewritten":true}');
    });
  });
});
