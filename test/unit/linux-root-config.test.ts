// Linux, a window or CLI that is not root: root's /root/.docker/config.json cannot be read (issue 11, point 2).
// That is the normal state of a desktop user, not a problem: status lists no problem, marks the config as root's,
// shows the logins it cannot see as unknown, and the config check passes with the explanation. Run for real: the
// built CLI is started as the unprivileged user `nobody` against a sandbox whose root home is root's own, mode 700.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Check, Status } from '../../shared/types';
import { builtCli } from '../support/cli';
import { makeSandbox } from '../support/sandbox-home';

const nobody = 65534;
const canDropToNobody = process.getuid?.() === 0;

/** Root's config.json by default holds one plain-text login; `config` replaces it. */
function sandbox(config: object = { auths: { 'ghcr.io': { auth: Buffer.from('dana:pw').toString('base64') } } }) {
  const sb = makeSandbox({
    platform: 'linux',
    files: {
      'root/root/.docker/config.json': config,
      'state/state.json': { version: 1, registries: { '111122223333.dkr.ecr.eu-west-1.amazonaws.com': { loggedInWith: 'dev', expiresAt: new Date(Date.now() + 3600_000 * 5).toISOString() } } },
    },
  });
  // The sandbox readable by anyone, root's home not: as on a real machine (/root is 700).
  for (const d of [sb.dir, sb.root, sb.home, sb.file('state')]) chmodSync(d, 0o755);
  chmodSync(sb.file('state/state.json'), 0o644);
  chmodSync(sb.file('root/root'), 0o700);
  return sb;
}

const cli = (sb: ReturnType<typeof sandbox>, args: string[], uid?: number) =>
  spawnSync(process.execPath, [builtCli, ...args], { env: sb.vars, encoding: 'utf8', ...(uid !== undefined ? { uid, gid: nobody } : {}) });

describe.runIf(canDropToNobody)('root\u2019s config.json, seen by a user who is not root', () => {
  it('status: no problem, the config marked as root\u2019s, and the logins this app made shown as unknown', () => {
    const sb = sandbox();
    const r = cli(sb, ['status', '--json'], nobody);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Status;
    expect(s.problems).toEqual([]);
    expect(s.finch.configFile).toBe(path.join(sb.root, 'root/.docker/config.json'));
    expect(s.finch.configNeedsRoot).toBe(true);
    expect(s.registries.map((x) => [x.host, x.state])).toEqual([['111122223333.dkr.ecr.eu-west-1.amazonaws.com', 'unknown']]);
    const text = cli(sb, ['status'], nobody).stdout;
    expect(text).toContain('only root can read');
    expect(text).not.toContain('Problems:');
  });

  it('the config check passes and says why the logins are unknown', () => {
    const sb = sandbox();
    const r = cli(sb, ['doctor', '--json'], nobody);
    const checks = (JSON.parse(r.stdout) as { checks: Check[] }).checks;
    const config = checks.find((c) => c.id === 'config-json-valid')!;
    expect(config.status).toBe('ok');
    expect(config.detail).toMatch(/can be read only as root.*asking for your password once per batch/);
  });

  it('as root the same files read normally: the login in config.json is listed, no note', () => {
    const sb = sandbox();
    const s = JSON.parse(cli(sb, ['status', '--json']).stdout) as Status;
    // Root reads its own home: with FINCH_LOGINS_ROOT that is the sandbox's HOME, so point DOCKER_CONFIG at root's.
    expect(s.finch.configNeedsRoot).toBeUndefined();
    const asRoot = JSON.parse(spawnSync(process.execPath, [builtCli, 'status', '--json'], { env: { ...sb.vars, DOCKER_CONFIG: sb.file('root/root/.docker') }, encoding: 'utf8' }).stdout) as Status;
    expect(asRoot.registries.find((x) => x.host === 'ghcr.io')).toMatchObject({ auth: 'plaintext', username: 'dana', state: 'logged-in' });
    expect(asRoot.problems).toEqual([]);
  });

  it('a file nobody may read for another reason is still a problem (a user\u2019s own DOCKER_CONFIG, unreadable)', () => {
    const sb = sandbox();
    const r = cli({ ...sb, vars: { ...sb.vars, FINCH_LOGINS_PLATFORM: 'darwin', DOCKER_CONFIG: sb.file('root/root/.docker') } }, ['status', '--json'], nobody);
    const s = JSON.parse(r.stdout) as Status;
    expect(s.finch.configNeedsRoot).toBeUndefined();
    expect(s.problems.map((p) => p.message)).toEqual([expect.stringMatching(/cannot be read: EACCES/)]);
  });

  // What root's file holds is unknown here, so nothing that judges its content may say "ok" about an empty one: with
  // a credsStore Finch on Linux cannot use and a password in plain text, "names no credsStore" and "holds no
  // passwords" would both be false.
  const troubled = { credsStore: 'secretservice', auths: { 'ghcr.io': { auth: Buffer.from('dana:pw').toString('base64') } } };
  const contentChecks = ['creds-store-supported', 'plaintext-credentials', 'helper-responds', 'ecr-login-config', 'ecr-login-helper', 'logins-expired'];

  it('the checks that judge its content are skipped, saying only root can read it and what to run instead', () => {
    const sb = sandbox(troubled);
    const checks = (JSON.parse(cli(sb, ['doctor', '--json'], nobody).stdout) as { checks: Check[] }).checks;
    const file = path.join(sb.root, 'root/.docker/config.json');
    for (const id of contentChecks) {
      const c = checks.find((x) => x.id === id)!;
      expect(c.status, `${id}: ${c.detail}`).toBe('skipped');
      expect(c.detail).toContain(`only root can read ${file}`);
      expect(c.detail).toContain('sudo finch-logins doctor');
      expect(c.fix).toBeUndefined();
    }
    expect(checks.find((x) => x.id === 'creds-store-supported')!.detail).toMatch(/builds on "config.json is readable"/);
    expect(checks.find((x) => x.id === 'config-json-valid')!.status).toBe('ok');
    // Checks that do not read it still run.
    expect(checks.find((x) => x.id === 'finch-yaml-valid')!.status).not.toBe('skipped');
    const text = cli(sb, ['doctor'], nobody).stdout;
    expect(text).not.toMatch(/names no credsStore|holds no passwords/);
  });

  it('no AWS profile and no ECR registry known to this app: whether one is needed is not known either', () => {
    const sb = sandbox(troubled);
    rmSync(sb.file('state/state.json'));
    const checks = (JSON.parse(cli(sb, ['doctor', '--json'], nobody).stdout) as { checks: Check[] }).checks;
    const aws = checks.find((x) => x.id === 'aws-profiles-present')!;
    expect(aws.status).toBe('skipped');
    expect(aws.detail).toMatch(/no AWS profiles.*only root can read/);
  });

  it('as root the same file is judged: the store and the plain-text password are reported', () => {
    const sb = sandbox(troubled);
    const r = spawnSync(process.execPath, [builtCli, 'doctor', '--json'], { env: { ...sb.vars, DOCKER_CONFIG: sb.file('root/root/.docker') }, encoding: 'utf8' });
    const checks = (JSON.parse(r.stdout) as { checks: Check[] }).checks;
    expect(checks.find((x) => x.id === 'creds-store-supported')!.status).toBe('error');
    expect(checks.find((x) => x.id === 'plaintext-credentials')!.status).not.toBe('ok');
  });

  it('a fix that would plan from its content refuses, says why and what to do, and changes nothing', () => {
    const sb = sandbox(troubled);
    const file = sb.file('root/root/.docker/config.json');
    const before = readFileSync(file);
    for (const fix of ['remove-unsupported-store', 'migrate-plaintext', 'ecr-login-setup']) {
      const r = cli(sb, ['fix', fix, '--yes'], nobody);
      expect(r.status, r.stdout).not.toBe(0);
      expect(r.stderr).toContain(`only root can read ${path.join(sb.root, 'root/.docker/config.json')}`);
      expect(r.stderr).toContain(`sudo finch-logins fix ${fix}`);
      expect(r.stderr).toContain('Nothing was changed');
    }
    expect(readFileSync(file)).toEqual(before);
  });
});
