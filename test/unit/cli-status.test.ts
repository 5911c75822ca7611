// finch-logins status on homes shaped like each platform, broken files included, run in-process through main().
import { describe, expect, it } from 'vitest';
import type { Status } from '../../shared/types';
import { currentEnv } from '../../main/core/env';
import { addRegistries } from '../../main/core/login/login-service';
import { runCli } from '../support/cli';
import { fakeFinchScript, makeSandbox, type Sandbox } from '../support/sandbox-home';

async function cli(sb: Sandbox, ...args: string[]) {
  return runCli(sb.vars, args);
}
const json = async (sb: Sandbox) => {
  const r = await cli(sb, 'status', '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Status;
};
const b64 = (s: string) => Buffer.from(s).toString('base64');
const awsFiles = {
  'home/.aws/config': '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-east-1\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start/#/\nsso_region = us-east-1\n',
  'home/.aws/credentials': '[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n',
};
const store = (entries: object) => `#!/bin/sh\n[ "$1" = list ] && { echo '${JSON.stringify(entries)}'; exit 0; }\necho "credentials not found in native keychain"; exit 1\n`;

describe('finch-logins status', () => {
  it('macOS home: keychain store, ECR helper, profiles, finch and its VM', async () => {
    const sb = makeSandbox({
      platform: 'darwin',
      files: {
        'home/.finch/config.json': { credsStore: 'osxkeychain', credHelpers: { '111122223333.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' }, auths: { 'ghcr.io': {} } },
        'home/.finch/finch.yaml': 'cpus: 3\nmemory: 4GiB\ncreds_helpers:\n  - ecr-login\n',
        ...awsFiles,
      },
      programs: { 'bin/finch': fakeFinchScript('v1.19.0', 'Stopped'), 'bin/docker-credential-osxkeychain': store({ 'https://ghcr.io': 'octo' }) },
    });
    const s = await json(sb);
    expect(s.platform).toBe('darwin');
    expect(s.finch).toMatchObject({ path: sb.file('bin/finch'), version: '1.19.0', vm: 'stopped', configFile: sb.file('home/.finch/config.json'), credsStore: 'osxkeychain', yamlCredsHelpers: ['ecr-login'] });
    expect(s.registries).toEqual([
      { host: '111122223333.dkr.ecr.eu-west-1.amazonaws.com', kind: 'ecr', accountId: '111122223333', region: 'eu-west-1', auth: 'cred-helper', helper: 'ecr-login', profile: null, expiresAt: null, state: 'unknown' },
      { host: 'ghcr.io', kind: 'other', auth: 'creds-store', helper: 'osxkeychain', username: 'octo', profile: null, expiresAt: null, state: 'logged-in' },
    ]);
    expect(s.profiles).toEqual([
      { name: 'default', region: 'eu-west-1', type: 'static' },
      { name: 'dev', region: 'us-east-1', type: 'sso', accountId: '111122223333', roleName: 'Dev', ssoSession: 'corp' },
    ]);
    expect(s.problems).toEqual([]);
  });

  it('a profile that names no account shows the one STS named at a login, for a week', async () => {
    const fresh = new Date(Date.now() - 3600_000).toISOString();
    const stale = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    const sb = makeSandbox({
      platform: 'darwin',
      files: {
        ...awsFiles,
        'home/.aws/config': awsFiles['home/.aws/config'] + '[profile old]\nregion = us-east-1\n',
        'state/state.json': { version: 1, registries: {}, accounts: { default: { accountId: '999988887777', checkedAt: fresh }, old: { accountId: '444455556666', checkedAt: stale } } },
      },
    });
    const by = Object.fromEntries((await json(sb)).profiles.map((p) => [p.name, p]));
    expect(by.default!.accountId).toBe('999988887777');
    expect(by.old!.accountId).toBeUndefined();
    expect(by.dev!.accountId).toBe('111122223333');
  });

  it('a plain-text password the credsStore shadows: the row is what the store holds, and the text says the file\u2019s copy is unused', async () => {
    const sb = makeSandbox({
      platform: 'darwin',
      files: { 'home/.finch/config.json': { credsStore: 'osxkeychain', auths: { 'ghcr.io': { auth: b64('octo:hunter2') } } } },
      programs: { 'bin/finch': fakeFinchScript('v1.19.0', 'Running'), 'bin/docker-credential-osxkeychain': store({}) },
    });
    expect((await json(sb)).registries).toEqual([
      { host: 'ghcr.io', kind: 'other', auth: 'creds-store', helper: 'osxkeychain', profile: null, expiresAt: null, state: 'logged-out', plaintextShadowed: true },
    ]);
    const text = (await cli(sb, 'status')).stdout;
    expect(text).toMatch(/ghcr\.io .*store osxkeychain, plaintext in config\.json unused .*logged-out/);
    expect(text).toContain('config.json also holds a password in plain text for ghcr.io, which Finch does not use');
    expect(text).not.toMatch(/hunter2|b2N0bzpodW50ZXIy/);
  });

  it('Linux home: root\u2019s docker config, plaintext Docker Hub login, no VM', async () => {
    const sb = makeSandbox({ platform: 'linux', programs: { 'bin/finch': fakeFinchScript('v1.5.0') } });
    const cfg = sb.vars.DOCKER_CONFIG ?? '';
    expect(cfg).toBe('');
    // As root the current home holds the config; otherwise FINCH_LOGINS_ROOT/root does.
    const rel = process.getuid?.() === 0 ? 'home/.docker/config.json' : 'root/root/.docker/config.json';
    sb.write(rel, { auths: { 'https://index.docker.io/v1/': { auth: b64('alice:hunter2') } } });
    sb.write('root/etc/finch/finch.yaml', 'creds_helpers: []\n');
    const s = await json(sb);
    expect(s.finch).toMatchObject({ vm: 'unknown', configFile: sb.file(rel), yamlFile: sb.file('root/etc/finch/finch.yaml') });
    expect(s.registries).toEqual([{ host: 'docker.io', kind: 'docker-hub', auth: 'plaintext', username: 'alice', profile: null, expiresAt: null, state: 'logged-in' }]);
    const text = await cli(sb, 'status');
    expect(text.stdout).toMatch(/docker\.io\s+docker-hub\s+-\s+plaintext \(alice\)\s+-\s+logged-in/);
    expect(text.stdout + JSON.stringify(s)).not.toContain('hunter2');
  });

  it('Windows home: config.json and finch.yaml under LOCALAPPDATA (where the VM reads them), finch missing', async () => {
    const sb = makeSandbox({
      platform: 'win32',
      files: {
        // What plain `finch login` writes without DOCKER_CONFIG; the VM does not read it, so neither do we.
        'home/.finch/config.json': { auths: { 'ignored.example': { auth: b64('x:y') } } },
        'home/AppData/Local/.finch/config.json': { auths: { 'public.ecr.aws': { auth: b64('AWS:tok') } } },
        'home/AppData/Local/.finch/finch.yaml': 'cpus: 2\n',
      },
    });
    const s = await json(sb);
    expect(s.finch).toMatchObject({ path: null, version: null, vm: 'unknown', yamlFile: sb.file('home/AppData/Local/.finch/finch.yaml'), configFile: sb.file('home/AppData/Local/.finch/config.json') });
    expect(s.registries).toHaveLength(1);
    expect(s.registries[0]).toMatchObject({ host: 'public.ecr.aws', kind: 'ecr-public', auth: 'plaintext', username: 'AWS' });
    expect((await cli(sb, 'status')).stdout).toMatch(/Finch: not found/);
  });

  it('broken files become problems naming the file; the rest is still produced and nothing is written', async () => {
    const sb = makeSandbox({
      platform: 'darwin',
      files: {
        'home/.finch/config.json': '{"auths": {"ghcr.io": {}},',
        'home/.finch/finch.yaml': 'cpus: [\n',
        ...awsFiles,
      },
    });
    const before = sb.file('home/.finch/config.json');
    const s = await json(sb);
    expect(s.problems.map((p) => p.file)).toEqual(expect.arrayContaining([before, sb.file('home/.finch/finch.yaml')]));
    expect(s.profiles.map((p) => p.name)).toEqual(['default', 'dev']);
    // Broken, not "no store": the status says the file cannot be understood, and the text says what to do.
    expect(s.finch).toMatchObject({ configInvalid: true, credsStore: null });
    const text = (await cli(sb, 'status')).stdout;
    expect(text).toContain(`Config: ${before} is broken (see Problems below), so its credsStore and logins are unknown. Fix it in a text editor`);
    expect((await json(makeSandbox({ platform: 'darwin', files: { 'home/.finch/config.json': { auths: {} } } }))).finch.configInvalid).toBeUndefined();
    // Adding a registry is refused like a login, and adds nothing.
    await expect(addRegistries(currentEnv(sb.vars), ['quay.io'])).rejects.toMatchObject({ kind: 'file-invalid', message: expect.stringContaining('will not add a registry while') });
    const { readFileSync, existsSync } = await import('node:fs');
    expect(readFileSync(before, 'utf8')).toBe('{"auths": {"ghcr.io": {}},');
    expect(existsSync(sb.vars.FINCH_LOGINS_STATE_DIR!)).toBe(false);
  });

  it.each([
    ['garbage output', '#!/bin/sh\necho "not json"\n', /not JSON/],
    ['a failing store', '#!/bin/sh\necho "error getting credentials - err: exit status 1"\nexit 1\n', /list failed: error getting credentials/],
    ['a hung store', '#!/bin/sh\nexec sleep 30\n', /`docker-credential-\w+ list` did not finish within 0.5 s/],
  ])('a store with %s is a problem, not a crash', async (_name, script, message) => {
    const sb = makeSandbox({
      platform: 'darwin',
      files: { 'home/.finch/config.json': { credsStore: 'pass', auths: { 'ghcr.io': {} } } },
      programs: { 'bin/docker-credential-pass': script },
      vars: { FINCH_LOGINS_HELPER_TIMEOUT_MS: '500' },
    });
    const s = await json(sb);
    expect(s.registries[0]!.state).toBe('unknown');
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]!.message).toMatch(message);
  });

  it('a missing store helper is named in the problem', async () => {
    const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/config.json': { credsStore: 'osxkeychain' } } });
    const s = await json(sb);
    expect(s.problems[0]!.message).toMatch(/docker-credential-osxkeychain was not found/);
  });

  it('an empty home says what to do; usage errors exit 2', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    expect((await cli(sb, 'status')).stdout).toMatch(/No registries yet/);
    expect((await cli(sb, 'status', '--jsn')).code).toBe(2);
    expect((await cli(sb, 'stat')).code).toBe(2);
    expect((await cli(sb, 'status', 'extra')).code).toBe(2);
  });

  it('reuses the finch version remembered for the same binary, and asks again when the binary changes', async () => {
    const sb = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': fakeFinchScript('v1.19.0') } });
    const { statSync, writeFileSync, chmodSync } = await import('node:fs');
    const finch = sb.file('bin/finch');
    const st = statSync(finch);
    sb.write('state/state.json', { version: 1, registries: {}, finch: { path: finch, stamp: `${st.size}:${st.mtimeMs}`, version: '1.18.2' } });
    expect((await json(sb)).finch.version).toBe('1.18.2');
    writeFileSync(finch, fakeFinchScript('v1.20.0'));
    chmodSync(finch, 0o755);
    expect((await json(sb)).finch.version).toBe('1.20.0');
  });
});
