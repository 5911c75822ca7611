// The finch stand-in does what Finch does, version by version and per platform (e2e/stack/finch; each behaviour
// cites Finch's source there). These are the behaviours the app has to cope with, so they are pinned here.
// Run: bash e2e/stack/with-stack.sh npx vitest run --project integration test/integration/finch-stand-in.test.ts
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';
import { loginHome, stack } from '../support/login-home';

const fatalLine = /^time="[^"]+" level=fatal msg=".*"$/m;

function finch(sb: Sandbox, args: string[], vars: Record<string, string> = {}, input = '') {
  const r = spawnSync(stack.finch, args, { env: { ...process.env, ...sb.vars, ...vars, DOCKER_CONFIG: vars.DOCKER_CONFIG ?? '' }, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function home(files: Record<string, string | object> = {}, vars: Record<string, string> = {}): Sandbox {
  const sb = makeSandbox({ platform: 'darwin', files });
  Object.assign(sb.vars, { FL_FINCH_VM_STATE: sb.file('vm-state'), FL_FINCH_VM_DELAY_MS: '5', FL_FINCH_ROOT: sb.root, ...vars });
  return sb;
}

const json = (sb: Sandbox, rel: string) => JSON.parse(readFileSync(sb.file(rel), 'utf8')) as Record<string, unknown>;

describe.runIf(stack.up)('finch stand-in: finch.yaml on every command', () => {
  it('rewrites finch.yaml even for --version and vm status: comments and unknown keys go, defaults come, mtime moves', () => {
    const sb = home({ 'home/.finch/finch.yaml': '# mine\ncpus: 4\nfoo: bar\ncreds_helpers: [ecr-login]\n' });
    const file = sb.file('home/.finch/finch.yaml');
    expect(finch(sb, ['--version']).stdout).toBe('finch version v1.18.0\n');
    const first = readFileSync(file, 'utf8');
    expect(first).not.toContain('# mine');
    expect(first).not.toContain('foo');
    expect(first).toMatch(/^cpus: 4\nmemory: 2GiB\n/);
    expect(first).toContain('creds_helpers:\n    - ecr-login\n');
    const before = statSync(file).mtimeMs;
    spawnSync('/bin/sleep', ['0.02']);
    expect(finch(sb, ['vm', 'status']).stdout).toBe('Running\n');
    expect(statSync(file).mtimeMs).toBeGreaterThan(before);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });

  it('fails every command, --version included, when finch.yaml does not parse', () => {
    for (const bad of ['cpus: [\n', 'creds_helpers: ecr-login\n', '\tcpus: 2\n']) {
      const sb = home({ 'home/.finch/finch.yaml': bad });
      for (const args of [['--version'], ['vm', 'status']]) {
        const r = finch(sb, args);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/level=fatal msg="failed to load config: failed to unmarshal config file: yaml: /);
      }
      expect(readFileSync(sb.file('home/.finch/finch.yaml'), 'utf8')).toBe(bad);
    }
  });

  it('writes defaults when finch.yaml is missing (macOS: creds_helpers [osxkeychain]; Windows: vmType wsl2)', () => {
    const mac = home();
    expect(finch(mac, ['--version']).stderr).toContain('Using default values due to missing config file');
    expect(readFileSync(mac.file('home/.finch/finch.yaml'), 'utf8')).toContain('creds_helpers:\n    - osxkeychain\n');
    const win = home({}, { FL_FINCH_PLATFORM: 'windows' });
    mkdirSync(win.file('home/AppData/Local'), { recursive: true });
    finch(win, ['--version']);
    expect(readFileSync(win.file('home/AppData/Local/.finch/finch.yaml'), 'utf8')).toBe('vmType: wsl2\n');
  });
});

describe.runIf(stack.up)('finch stand-in: the VM', () => {
  it('has no vm command on Linux, and rewrites /etc/finch/finch.yaml as root', () => {
    const sb = home({ 'root/etc/finch/finch.yaml': 'creds_helpers:\n  - ecr-login\n# x\n' }, { FL_FINCH_PLATFORM: 'linux' });
    const r = finch(sb, ['vm', 'status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/level=fatal msg="unknown command \\"vm\\" for \\"finch\\""/);
    expect(readFileSync(sb.file('root/etc/finch/finch.yaml'), 'utf8')).toBe('creds_helpers:\n    - ecr-login\n');
  });

  it('with ecr-login in creds_helpers, installs only ecr-login and resets credsStore to ecr-login on every start (finch #480)', () => {
    const sb = home({
      'home/.finch/finch.yaml': 'creds_helpers: [ecr-login, osxkeychain]\n',
      'home/.finch/config.json': { auths: { 'ghcr.io': {} }, credsStore: 'osxkeychain', credHelpers: { 'x.io': 'ecr-login' }, mine: 1 },
    });
    writeFileSync(sb.file('vm-state'), 'Stopped\n');
    expect(finch(sb, ['vm', 'start']).code).toBe(0);
    const helpers = sb.file('home/.finch/cred-helpers');
    expect(spawnSync('/bin/ls', [helpers], { encoding: 'utf8' }).stdout).toBe('docker-credential-ecr-login\n');
    // Finch's json.Marshal of docker's ConfigFile: compact, unknown keys dropped.
    expect(readFileSync(sb.file('home/.finch/config.json'), 'utf8')).toBe('{"auths":{"ghcr.io":{}},"credsStore":"ecr-login","credHelpers":{"x.io":"ecr-login"}}');
    // Put right by hand (or by a fix), the next start breaks it again.
    sb.write('home/.finch/config.json', { auths: {}, credsStore: 'osxkeychain' });
    expect(finch(sb, ['vm', 'stop']).code).toBe(0);
    expect(finch(sb, ['vm', 'start']).code).toBe(0);
    expect(json(sb, 'home/.finch/config.json').credsStore).toBe('ecr-login');
  });

  it('leaves config.json alone at start when creds_helpers has no ecr-login', () => {
    const sb = home({ 'home/.finch/finch.yaml': 'creds_helpers: [osxkeychain]\n', 'home/.finch/config.json': '{"credsStore": "osxkeychain"}' });
    writeFileSync(sb.file('vm-state'), 'Stopped\n');
    expect(finch(sb, ['vm', 'start']).code).toBe(0);
    expect(readFileSync(sb.file('home/.finch/config.json'), 'utf8')).toBe('{"credsStore": "osxkeychain"}');
    expect(existsSync(sb.file('home/.finch/cred-helpers'))).toBe(false);
  });
});

describe.runIf(stack.up)('finch stand-in: login per version', () => {
  const login = (sb: Sandbox, vars: Record<string, string> = {}) =>
    finch(sb, ['login', stack.registry, '--username', stack.user, '--password-stdin'], vars, stack.password);

  it('macOS ≥ 1.15: creates ~/.finch/config.json as {"auths": null, "credsStore": <keychain>} when the helper lists', () => {
    const sb = loginHome({ config: null });
    Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root, PATH: process.env.PATH ?? '' });
    finch(sb, ['logout', 'nowhere.example']);
    expect(readFileSync(sb.file('home/.finch/config.json'), 'utf8')).toBe('{\n  "auths": null,\n  "credsStore": "secretservice"\n}');
  });

  it('macOS ≥ 1.15 without a working keychain helper: {"auths": null}, and the login is stored in plain text with a warning', () => {
    const sb = loginHome({ config: null });
    Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root, FL_FINCH_KEYCHAIN_HELPER: 'none-here' });
    const r = login(sb);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Login Succeeded\n');
    expect(r.stderr).toContain('WARNING! Your password will be stored unencrypted in');
    const cfg = json(sb, 'home/.finch/config.json') as { auths: Record<string, { auth?: string }> };
    expect(cfg.auths[stack.registry]?.auth).toBe(Buffer.from(`${stack.user}:${stack.password}`).toString('base64'));
  });

  it('1.15.0 leaves DOCKER_CONFIG unset, so a login lands in ~/.docker; 1.15.1 and later use ~/.finch; both honour DOCKER_CONFIG', () => {
    const plain = { auths: { placeholder: {} } };
    for (const [v, rel] of [['1.15.0', 'home/.docker/config.json'], ['1.15.1', 'home/.finch/config.json']] as const) {
      const sb = loginHome({ config: plain });
      Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root, FL_FINCH_VERSION: v });
      expect(login(sb).code).toBe(0);
      expect(Object.keys(json(sb, rel).auths as object)).toContain(stack.registry);
      const elsewhere = sb.file('elsewhere');
      expect(login(sb, { DOCKER_CONFIG: elsewhere }).code).toBe(0);
      expect(existsSync(path.join(elsewhere, 'config.json'))).toBe(true);
    }
  });

  it('before 1.15 logs in inside the VM: fails while it is stopped; no host helper there', () => {
    const sb = loginHome({ config: { auths: {} } });
    Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root, FL_FINCH_VERSION: '1.14.1', FL_FINCH_VM_STATE: sb.file('vm-state') });
    writeFileSync(sb.file('vm-state'), 'Stopped\n');
    const stopped = login(sb);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/level=fatal msg="instance \\"finch\\" is stopped/);
    writeFileSync(sb.file('vm-state'), 'Running\n');
    sb.write('home/.finch/config.json', { credsStore: 'secretservice' });
    const r = login(sb, { DOCKER_CONFIG: sb.file('ignored') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('executable file not found in $PATH');
  });

  it('Linux: nerdctl directly, into $DOCKER_CONFIG or $HOME/.docker', () => {
    const sb = loginHome({ platform: 'linux', config: null });
    Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root, FL_FINCH_PLATFORM: 'linux' });
    mkdirSync(sb.file('root/etc'), { recursive: true });
    sb.write('home/.docker/config.json', { auths: {} });
    expect(login(sb).code).toBe(0);
    expect(Object.keys(json(sb, 'home/.docker/config.json').auths as object)).toEqual([stack.registry]);
  });

  it('saves config.json like docker: unknown keys dropped, the file replaced by rename with its mode kept', () => {
    const sb = loginHome({ config: { auths: null, credsStore: 'secretservice', mine: { keep: false } } });
    Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root });
    const file = sb.file('home/.finch/config.json');
    sb.write('home/.finch/config.json', readFileSync(file, 'utf8'), 0o640);
    const inode = lstatSync(file).ino;
    const r = finch(sb, ['login', 'ghcr.io', '--username', stack.user, '--password-stdin'], {}, stack.password);
    expect(r.code).toBe(0);
    expect(lstatSync(file).ino).not.toBe(inode);
    expect(lstatSync(file).mode & 0o777).toBe(0o640);
    expect(json(sb, 'home/.finch/config.json')).toEqual({ auths: { 'ghcr.io': {} }, credsStore: 'secretservice' });
    finch(sb, ['logout', 'ghcr.io']);
  });

  it('logout of a helper-backed host with no login: an error line naming the host first, then the fatal one', () => {
    // osxkeychain's erase of an unknown server fails (the Secret Service's does not): a helper that answers the same.
    const sb = loginHome({ config: { auths: {}, credsStore: 'keychain' } });
    sb.write('bin/docker-credential-keychain', '#!/bin/sh\necho "The specified item could not be found in the keychain."\nexit 1\n', 0o755);
    Object.assign(sb.vars, { FL_FINCH_ROOT: sb.root });
    const r = finch(sb, ['logout', 'never-logged-in.example']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').filter((l) => !/level=info/.test(l));
    expect(lines[0]).toMatch(/level=error msg="Failed to erase credentials for: never-logged-in.example" error=".*could not be found in the keychain/);
    expect(lines.at(-1)).toMatch(fatalLine);
    // A plaintext host with no entry: Finch only says so, exit 0.
    const plain = loginHome({ config: { auths: {} } });
    Object.assign(plain.vars, { FL_FINCH_ROOT: plain.root });
    const p = finch(plain, ['logout', 'never-logged-in.example']);
    expect(p.code).toBe(0);
    expect(p.stderr).toContain('None of the following entries could be found');
  });
});
