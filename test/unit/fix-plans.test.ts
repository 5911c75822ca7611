// Every fix through the fix service on homes shaped like each platform, with stand-in helpers and finch:
// preview, apply, the check after, idempotence, refusals.
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { applyFix, previewFix, undoLastChange } from '../../main/core/fixes/fix-service';
import { readVmRecord } from '../../main/core/vm/vm-record';
import type { Platform, VmLogLine } from '../../shared/types';
import { fakeCredentialStoreScript, fakeFinchScript, fakeFinchVmScript, makeSandbox, platformLayout, type Sandbox } from '../support/sandbox-home';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ecrA = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

function home(platform: Platform, config?: object | string, yaml?: string): Sandbox {
  const l = platformLayout(platform);
  const sb = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript() } });
  if (config !== undefined) sb.write(l.configJson, config);
  if (yaml !== undefined) sb.write(l.finchYaml, yaml);
  sb.write('keyring/.keep', '');
  return sb;
}
const env = (sb: Sandbox, vars: Record<string, string> = {}) => currentEnv({ ...sb.vars, ...vars });
const configOf = (sb: Sandbox, platform: Platform) => JSON.parse(readFileSync(sb.file(platformLayout(platform).configJson), 'utf8')) as Record<string, unknown>;
const bytes = (sb: Sandbox, rel: string) => readFileSync(sb.file(rel));
/** A store stand-in named `name`, keeping logins as files in the sandbox's keyring folder. */
const store = (sb: Sandbox, name: string, where = 'bin') => sb.write(`${where}/docker-credential-${name}`, fakeCredentialStoreScript(sb.file('keyring')), 0o755);
const stored = (sb: Sandbox, key: string) => {
  const f = sb.file(`keyring/${key.replace(/[/:]/g, '_')}`);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as { ServerURL: string; Username: string; Secret: string }) : null;
};
async function apply(sb: Sandbox, fixId: string, vars: Record<string, string> = {}, onVmLine?: (l: VmLogLine) => void) {
  const preview = await previewFix(env(sb, vars), fixId);
  const result = await applyFix(env(sb, vars), fixId, preview.token, onVmLine ? { onVmLine } : {});
  return { preview, result };
}
/** Applying again changes nothing: an empty preview, applied false, no new backup, the same bytes. */
async function expectIdempotent(sb: Sandbox, fixId: string, rels: string[]) {
  const before = rels.map((r) => (existsSync(sb.file(r)) ? bytes(sb, r) : null));
  const backups = existsSync(sb.file('state/backups')) ? readdirSync(sb.file('state/backups')).length : 0;
  const { preview, result } = await apply(sb, fixId);
  expect(preview.changes).toEqual([]);
  expect(result.applied).toBe(false);
  expect(rels.map((r) => (existsSync(sb.file(r)) ? bytes(sb, r) : null))).toEqual(before);
  expect(existsSync(sb.file('state/backups')) ? readdirSync(sb.file('state/backups')).length : 0).toBe(backups);
}

describe('remove-unsupported-store', () => {
  it.each([
    ['win32', 'wincred', undefined],
    ['linux', 'secretservice', undefined],
    ['darwin', 'desktop', 'osxkeychain'],
  ] as const)('on %s, %s is replaced by %s', async (platform, bad, replacement) => {
    const sb = home(platform, { auths: { 'ghcr.io': {} }, credsStore: bad, 'x-keep': true });
    if (replacement) store(sb, replacement, 'root/usr/local/bin');
    const { preview, result } = await apply(sb, 'remove-unsupported-store');
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0]!.diff).toContain(`-  "credsStore": "${bad}"`);
    expect(preview.explanation).toMatch(/log in again afterwards/);
    expect(configOf(sb, platform)).toEqual({ auths: { 'ghcr.io': {} }, 'x-keep': true, ...(replacement ? { credsStore: replacement } : {}) });
    expect(result).toMatchObject({ applied: true, needsVmRestart: false, check: { id: 'creds-store-supported', status: 'ok' } });
    await expectIdempotent(sb, 'remove-unsupported-store', [platformLayout(platform).configJson]);
  });
});

describe('ecr-login-setup', () => {
  const yaml = '# Finch settings\ncpus: 4 # four\nmemory: 8GiB\ncreds_helpers:\n  - osxkeychain # mine\n';

  it('macOS ≥ 1.15: ECR hosts go per registry, credsStore back to osxkeychain, and ecr-login OUT of creds_helpers (comments kept)', async () => {
    const l = platformLayout('darwin');
    const withEcr = '# Finch settings\ncpus: 4 # four\nmemory: 8GiB\ncreds_helpers:\n  - osxkeychain # mine\n  - ecr-login\n';
    const sb = home('darwin', { credsStore: 'ecr-login', auths: { [ecrA]: {}, 'public.ecr.aws': {}, 'ghcr.io': {} }, credHelpers: { 'gcr.io': 'gcloud' } }, withEcr);
    const { preview, result } = await apply(sb, 'ecr-login-setup');
    expect(preview.explanation).toMatch(/Why not `credsStore: ecr-login`/);
    expect(preview.explanation).toMatch(/taken out of finch.yaml\u2019s creds_helpers: with it listed, Finch sets credsStore to "ecr-login" at every VM start/);
    expect(preview.needsVmRestart).toBe(false);
    expect(readFileSync(sb.file(l.finchYaml), 'utf8')).toBe(yaml);
    expect(configOf(sb, 'darwin')).toEqual({
      credsStore: 'osxkeychain',
      auths: { [ecrA]: {}, 'public.ecr.aws': {}, 'ghcr.io': {} },
      credHelpers: { 'gcr.io': 'gcloud', [ecrA]: 'ecr-login', 'public.ecr.aws': 'ecr-login' },
    });
    expect(result).toMatchObject({ applied: true, check: { id: 'ecr-login-config', status: 'ok' } });
    await expectIdempotent(sb, 'ecr-login-setup', [l.configJson, l.finchYaml]);
  });

  it.each([
    ['win32', 'v1.18.0'],
    ['darwin', 'v1.14.1'],
  ] as const)('%s, Finch %s (helpers in the VM): only credHelpers entries are added; creds_helpers and credsStore stay, and why', async (platform, v) => {
    const l = platformLayout(platform);
    const listed = 'creds_helpers:\n  - ecr-login\n';
    const sb = home(platform, { credsStore: 'ecr-login', auths: { [ecrA]: {} } }, listed);
    sb.write('bin/finch', fakeFinchScript(v), 0o755);
    const { preview } = await apply(sb, 'ecr-login-setup');
    expect(preview.explanation).toMatch(/Finch then sets credsStore to "ecr-login" at every VM start .* Choose one/s);
    expect(readFileSync(sb.file(l.finchYaml), 'utf8')).toBe(listed);
    expect(configOf(sb, platform)).toEqual({ credsStore: 'ecr-login', auths: { [ecrA]: {} }, credHelpers: { [ecrA]: 'ecr-login' } });
    await expectIdempotent(sb, 'ecr-login-setup', [l.configJson, l.finchYaml]);
  });

  it('on Linux: finch.yaml is left alone (Finch ignores creds_helpers there); credsStore ecr-login is removed', async () => {
    const l = platformLayout('linux');
    const sb = home('linux', { credsStore: 'ecr-login', auths: { [ecrA]: {} } }, yaml + '  - ecr-login\n');
    const { preview, result } = await apply(sb, 'ecr-login-setup');
    expect(preview.changes.map((c) => c.file)).toEqual([sb.file(l.configJson)]);
    expect(preview.explanation).toMatch(/Finch on Linux ignores creds_helpers/);
    expect(readFileSync(sb.file(l.finchYaml), 'utf8')).toBe(yaml + '  - ecr-login\n');
    expect(configOf(sb, 'linux')).toEqual({ auths: { [ecrA]: {} }, credHelpers: { [ecrA]: 'ecr-login' } });
    expect(result.needsVmRestart).toBe(false);
  });

  it('keeps a deliberate other helper for an ECR host, and says when no ECR registry is known', async () => {
    const sb = home('darwin', { credHelpers: { [ecrA]: 'custom' } }, 'cpus: 2\n');
    const { preview } = await apply(sb, 'ecr-login-setup');
    expect(configOf(sb, 'darwin')).toEqual({ credHelpers: { [ecrA]: 'custom' } });
    expect(preview.explanation).toMatch(/No Amazon ECR registries are known yet/);
  });
});

describe('migrate-plaintext', () => {
  const plain = {
    auths: {
      'https://index.docker.io/v1/': { auth: b64('alice:hunter2') },
      'https://ghcr.io/v2/': { auth: b64('octo:ghp_token'), email: 'o@x' },
      'fail-store.example.com': { auth: b64('bob:pw1') },
      'lossy.example.com': { username: 'carol', password: 'pw2' },
      'quay.io': {},
    },
  };

  it('stores each secret, verifies it, removes only those from the file; failures stay, and the result says why', async () => {
    const sb = home('darwin', { ...plain, credsStore: 'osxkeychain' });
    store(sb, 'osxkeychain', 'root/usr/local/bin');
    const { preview, result } = await apply(sb, 'migrate-plaintext');
    const diff = preview.changes[0]!.diff;
    expect(diff).not.toMatch(/hunter2|YWxpY2U6aHVudGVy|pw2/);
    expect(preview.commands[0]).toMatch(/^docker-credential-osxkeychain store \/ get/);
    expect(stored(sb, 'https://index.docker.io/v1/')).toEqual({ ServerURL: 'https://index.docker.io/v1/', Username: 'alice', Secret: 'hunter2' });
    // Docker asks stores by hostname: a key with a scheme and path is stored under the bare host.
    expect(stored(sb, 'ghcr.io')).toMatchObject({ Username: 'octo', Secret: 'ghp_token' });
    expect(configOf(sb, 'darwin')).toEqual({
      credsStore: 'osxkeychain',
      auths: {
        'https://index.docker.io/v1/': {},
        'https://ghcr.io/v2/': { email: 'o@x' },
        'fail-store.example.com': { auth: b64('bob:pw1') },
        'lossy.example.com': { username: 'carol', password: 'pw2' },
        'quay.io': {},
      },
    });
    expect(result.applied).toBe(true);
    expect(result.message).toMatch(/fail-store.example.com stayed in config.json: .*store refused/);
    expect(result.message).toMatch(/lossy.example.com stayed in config.json: .*did not give the login back unchanged/);
    expect(result.check).toMatchObject({ id: 'plaintext-credentials', status: 'warn' });
  });

  it('without a credsStore on macOS: moves them to the keychain and sets credsStore, or, if one fails, neither', async () => {
    const all = home('darwin', { auths: { 'ghcr.io': { auth: b64('octo:t') }, 'quay.io': { auth: b64('q:p') } } });
    store(all, 'osxkeychain', 'root/usr/local/bin');
    const r = await apply(all, 'migrate-plaintext');
    expect(configOf(all, 'darwin')).toEqual({ auths: { 'ghcr.io': {}, 'quay.io': {} }, credsStore: 'osxkeychain' });
    expect(r.result.check?.status).toBe('ok');
    await expectIdempotent(all, 'migrate-plaintext', [platformLayout('darwin').configJson]);

    const some = home('darwin', { auths: { 'ghcr.io': { auth: b64('octo:t') }, 'fail-store.io': { auth: b64('q:p') } } });
    store(some, 'osxkeychain', 'root/usr/local/bin');
    const before = bytes(some, platformLayout('darwin').configJson);
    const s = await apply(some, 'migrate-plaintext');
    expect(s.result.applied).toBe(false);
    expect(s.result.message).toMatch(/credsStore was not set, so that nothing is hidden/);
    expect(bytes(some, platformLayout('darwin').configJson)).toEqual(before);
  });

  it('Undo puts config.json back, keeps the copies in the store, and says so, by its title (never the fix id)', async () => {
    // A credsStore set before: after Undo Finch keeps reading the store; the password back in the file is unused.
    const kept = home('darwin', { auths: { 'ghcr.io': { auth: b64('octo:t') }, 'quay.io': {} }, credsStore: 'osxkeychain' });
    store(kept, 'osxkeychain', 'root/usr/local/bin');
    const before = bytes(kept, platformLayout('darwin').configJson);
    await apply(kept, 'migrate-plaintext');
    const u = await undoLastChange(env(kept));
    expect(bytes(kept, platformLayout('darwin').configJson)).toEqual(before);
    expect(stored(kept, 'ghcr.io')).toMatchObject({ Username: 'octo', Secret: 't' });
    expect(u.message).toMatch(/^Undid "Move plain-text passwords into the credential store" from .*: 1 file put back\.$/);
    expect(u.message).not.toContain('migrate-plaintext');
    expect(u.leftAsIs).toMatch(/^Not undone: the login for ghcr\.io in .osxkeychain. stays there \(Undo puts back files only; erasing would log Finch out\)\. Finch keeps reading osxkeychain, so the password back in config\.json is not used/);
    expect(JSON.stringify(u)).not.toMatch(/octo:t|b2N0bzp0/);

    // No credsStore before: the fix set it, Undo took it out; the keychain copies stay, unused.
    const set = home('darwin', { auths: { 'ghcr.io': { auth: b64('octo:t') }, 'quay.io': { auth: b64('q:p') } } });
    store(set, 'osxkeychain', 'root/usr/local/bin');
    await apply(set, 'migrate-plaintext');
    const v = await undoLastChange(env(set));
    expect(configOf(set, 'darwin')).toEqual({ auths: { 'ghcr.io': { auth: b64('octo:t') }, 'quay.io': { auth: b64('q:p') } } });
    expect(v.leftAsIs).toMatch(/^Not undone: the copies of the logins for ghcr\.io and quay\.io in .osxkeychain. stay there, unused \(Undo puts back files only\): Finch reads the passwords in config\.json again\./);

    // A fix that changes files only leaves nothing to mention.
    const win = home('win32', { credsStore: 'wincred' });
    await apply(win, 'remove-unsupported-store');
    expect((await undoLastChange(env(win))).leftAsIs).toBeUndefined();
  });

  it('leaves a login whose registry goes to ecr-login, and a stale one when the store already holds another', async () => {
    const sb = home('darwin', {
      credsStore: 'osxkeychain',
      credHelpers: { [ecrA]: 'ecr-login' },
      auths: { [ecrA]: { auth: b64('AWS:tok') }, 'ghcr.io': { auth: b64('octo:old') } },
    });
    store(sb, 'osxkeychain', 'root/usr/local/bin');
    writeFileSync(sb.file('keyring/ghcr.io'), '{"ServerURL":"ghcr.io","Username":"octo","Secret":"new"}\n');
    const { preview, result } = await apply(sb, 'migrate-plaintext');
    expect(preview.explanation).toMatch(/ecr-login, which cannot save passwords/);
    expect(result.applied).toBe(false);
    expect(result.message).toMatch(/already holds a different login for ghcr.io/);
    expect(stored(sb, 'ghcr.io')?.Secret).toBe('new');
  });

  it.each(['linux', 'win32'] as const)('on %s without a supported store: refused, saying why and what to do instead', async (platform) => {
    const sb = home(platform, plain);
    await expect(previewFix(env(sb), 'migrate-plaintext')).rejects.toMatchObject({ kind: 'no-store', hint: expect.stringMatching(/ecr-login/) });
  });
});

describe('osxkeychain-setup', () => {
  const bundled = 'root/Applications/Finch/cred-helpers';

  it('copies Finch\u2019s helper (a file, 0755), moves plain-text logins into it and sets credsStore', async () => {
    const sb = home('darwin', { auths: { 'ghcr.io': { auth: b64('octo:t') } } });
    store(sb, 'osxkeychain', bundled);
    sb.write('root/opt/homebrew/bin/.keep', '');
    const { preview, result } = await apply(sb, 'osxkeychain-setup');
    expect(preview.changes[0]).toMatchObject({ file: sb.file('root/usr/local/bin/docker-credential-osxkeychain'), creates: true });
    expect(preview.changes[0]!.diff).toMatch(/^Binary file .*mode 0755 \(new file\)/);
    expect(preview.commands[0]).toMatch(/^cp .*cred-helpers\/docker-credential-osxkeychain .*usr\/local\/bin\/docker-credential-osxkeychain && chmod 755/);
    const copy = sb.file('root/usr/local/bin/docker-credential-osxkeychain');
    expect(lstatSync(copy).isFile()).toBe(true);
    expect(lstatSync(copy).mode & 0o777).toBe(0o755);
    expect(readFileSync(copy)).toEqual(bytes(sb, `${bundled}/docker-credential-osxkeychain`));
    expect(stored(sb, 'ghcr.io')).toMatchObject({ Username: 'octo', Secret: 't' });
    expect(configOf(sb, 'darwin')).toEqual({ auths: { 'ghcr.io': {} }, credsStore: 'osxkeychain' });
    expect(result).toMatchObject({ applied: true, check: { id: 'osxkeychain-helper', status: 'ok' } });
    await expectIdempotent(sb, 'osxkeychain-setup', [platformLayout('darwin').configJson, 'root/usr/local/bin/docker-credential-osxkeychain']);
  });

  it('works on the config.json Finch writes itself, {"auths": null}', async () => {
    const sb = home('darwin', '{\n  "auths": null\n}');
    store(sb, 'osxkeychain', bundled);
    const { result } = await apply(sb, 'osxkeychain-setup');
    expect(configOf(sb, 'darwin')).toEqual({ auths: null, credsStore: 'osxkeychain' });
    expect(result).toMatchObject({ applied: true, check: { id: 'osxkeychain-helper', status: 'ok' } });
  });

  it('is for macOS only, and needs Finch\u2019s own copy of the helper', async () => {
    await expect(previewFix(env(home('linux', {})), 'osxkeychain-setup')).rejects.toMatchObject({ kind: 'fix-not-applicable' });
    await expect(previewFix(env(home('darwin', {})), 'osxkeychain-setup')).rejects.toMatchObject({ kind: 'helper-source-missing' });
  });
});

describe('vm-restart', () => {
  const vmHome = (platform: Platform) => {
    const sb = home(platform, {}, 'cpus: 2\n');
    sb.write('bin/finch', fakeFinchVmScript(sb.file('vm-state')), 0o755);
    return sb;
  };

  it.each(['darwin', 'win32'] as const)('on %s: stops then starts, streaming Finch\u2019s output, and records the start', async (platform) => {
    const sb = vmHome(platform);
    const lines: VmLogLine[] = [];
    const { preview, result } = await apply(sb, 'vm-restart', {}, (l) => lines.push(l));
    expect(preview.commands).toEqual(['finch vm stop', 'finch vm start']);
    // Each stream in its own order (the two pipes interleave as they like); info lines frame the steps.
    const of = (stream: VmLogLine['stream']) => lines.filter((l) => l.stream === stream).map((l) => l.line.replace(/[\d.]+ s$/, 'N s'));
    expect(of('info')).toEqual(['$ finch vm stop', 'finch vm stop finished in N s', '$ finch vm start', 'finch vm start finished in N s', 'VM status: running']);
    expect(of('stdout')).toEqual(['Finch virtual machine stop done', 'Finch virtual machine start done']);
    expect(of('stderr')).toEqual([
      'time="2026-01-01T00:00:00Z" level=info msg="stop: working on the Finch virtual machine..."',
      'time="2026-01-01T00:00:00Z" level=info msg="Finch virtual machine stop successfully"',
      'time="2026-01-01T00:00:00Z" level=info msg="start: working on the Finch virtual machine..."',
      'time="2026-01-01T00:00:00Z" level=info msg="Finch virtual machine start successfully"',
    ]);
    const stopEnd = lines.findIndex((l) => l.line.startsWith('finch vm stop finished'));
    expect(lines.slice(0, stopEnd).every((l) => !/start/.test(l.line))).toBe(true);
    expect(result).toMatchObject({ applied: true, message: 'The VM is running.', check: { id: 'finch-vm-running', status: 'ok' } });
    expect((await readVmRecord(sb.file('state'))).lastStart?.settingsDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a stopped VM is only started', async () => {
    const sb = vmHome('darwin');
    sb.write('vm-state', 'Stopped\n');
    const { preview } = await apply(sb, 'vm-restart');
    expect(preview.commands).toEqual(['finch vm start']);
    expect(readFileSync(sb.file('vm-state'), 'utf8').trim()).toBe('Running');
  });

  it('is bounded: a stop that hangs is killed at its limit and reported', async () => {
    const sb = vmHome('darwin');
    const started = Date.now();
    const preview = await previewFix(env(sb), 'vm-restart');
    const vars = { FAKE_FINCH_VM_SLEEP: '10', FINCH_LOGINS_VM_STOP_TIMEOUT_MS: '400' };
    await expect(applyFix(env(sb, vars), 'vm-restart', preview.token)).rejects.toMatchObject({ kind: 'vm-timeout', message: expect.stringMatching(/`finch vm stop` did not finish within 0.4 s and was stopped/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a failing start is reported with Finch\u2019s own message', async () => {
    const sb = vmHome('win32');
    const preview = await previewFix(env(sb), 'vm-restart');
    await expect(applyFix(env(sb, { FAKE_FINCH_VM_FAIL: 'start' }), 'vm-restart', preview.token)).rejects.toMatchObject({
      kind: 'vm-failed',
      message: '`finch vm start` failed: failed to start the instance',
    });
  });

  it('there is nothing to restart on Linux, or before the VM exists', async () => {
    await expect(previewFix(env(vmHome('linux')), 'vm-restart')).rejects.toMatchObject({ kind: 'fix-not-applicable' });
    const sb = vmHome('darwin');
    sb.write('vm-state', 'Nonexistent\n');
    await expect(previewFix(env(sb), 'vm-restart')).rejects.toMatchObject({ kind: 'vm-missing', hint: expect.stringContaining('finch vm init') });
  });
});

describe('the fix service refuses', () => {
  it('an unknown fix, and a token from another fix', async () => {
    const sb = home('win32', { credsStore: 'wincred' });
    await expect(previewFix(env(sb), 'make-it-work')).rejects.toMatchObject({ kind: 'unknown-fix' });
    const preview = await previewFix(env(sb), 'remove-unsupported-store');
    await expect(applyFix(env(sb), 'ecr-login-setup', preview.token)).rejects.toMatchObject({ kind: 'invalid-token' });
  });

  it('to apply when a file changed since the preview, naming it; the file keeps the new bytes', async () => {
    const sb = home('win32', { credsStore: 'wincred' });
    const rel = platformLayout('win32').configJson;
    const preview = await previewFix(env(sb), 'remove-unsupported-store');
    sb.write(rel, '{"credsStore": "wincred", "auths": {"edited.io": {}}}');
    const err = await applyFix(env(sb), 'remove-unsupported-store', preview.token).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'changed-since-preview' });
    expect((err as Error).message).toBe(`${sb.file(rel)} changed since the preview, so nothing was written.`);
    expect(readFileSync(sb.file(rel), 'utf8')).toBe('{"credsStore": "wincred", "auths": {"edited.io": {}}}');
  });

  it.each(['remove-unsupported-store', 'ecr-login-setup', 'migrate-plaintext', 'osxkeychain-setup'])('%s on a config.json that does not parse, leaving its bytes', async (fixId) => {
    const sb = home('darwin', '{"credsStore": "desktop",', 'cpus: 2\n');
    store(sb, 'osxkeychain', 'root/Applications/Finch/cred-helpers');
    const rel = platformLayout('darwin').configJson;
    const before = bytes(sb, rel);
    await expect(previewFix(env(sb), fixId)).rejects.toMatchObject({ kind: 'file-invalid', message: expect.stringContaining(sb.file(rel)) });
    expect(bytes(sb, rel)).toEqual(before);
    expect(existsSync(sb.file('root/usr/local/bin/docker-credential-osxkeychain'))).toBe(false);
  });

  it('ecr-login-setup on a finch.yaml that does not parse, leaving both files as they were', async () => {
    const sb = home('darwin', { credsStore: 'ecr-login' }, 'cpus: [\n');
    const l = platformLayout('darwin');
    const before = [bytes(sb, l.configJson), bytes(sb, l.finchYaml)];
    await expect(previewFix(env(sb), 'ecr-login-setup')).rejects.toMatchObject({ kind: 'file-invalid', message: expect.stringContaining(path.basename(l.finchYaml)) });
    expect([bytes(sb, l.configJson), bytes(sb, l.finchYaml)]).toEqual(before);
  });
});

it('one VM restart at a time: a second one while the first runs is refused', async () => {
  const sb = makeSandbox({ platform: 'darwin' });
  sb.write('bin/finch', fakeFinchVmScript(sb.file('vm-state')), 0o755);
  const { restartVm } = await import('../../main/core/vm/restart');
  const slow = env(sb, { FAKE_FINCH_VM_SLEEP: '0.5' });
  const first = restartVm(slow, () => undefined);
  await expect(restartVm(slow, () => undefined)).rejects.toMatchObject({ kind: 'vm-busy' });
  expect(await first).toBe('running');
});
