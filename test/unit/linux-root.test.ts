// Linux without a terminal: how finch gets root (issue 11, point 2). The choice is a pure function of the situation;
// the sudo and pkexec paths then run for real against stand-ins of both (test/support/root-stand-ins.ts) and a
// recording finch, so the one-elevation-per-batch session, the variables root gets and the refusals are observed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../main/core/env';
import { Failure } from '../../main/core/failure';
import { finchVars, loginInvocation } from '../../main/core/login/finch-invocation';
import { chooseRootAccess, type RootSituation } from '../../main/core/login/root-access';
import { RootSession, rootSearchPath, sessionArgs } from '../../main/core/login/root-session';
import { resolvePaths } from '../../main/core/paths';
import { pkexecStandIn, sudoStandIn } from '../support/root-stand-ins';
import { tempDir } from '../support/sandbox-home';

const finch = '/usr/local/bin/finch';
const base: RootSituation = { isRoot: false, sudo: '/usr/bin/sudo', sudoWithoutPassword: false, pkexec: '/usr/bin/pkexec', desktop: true };

describe('which way to root (a pure function of the situation)', () => {
  it('macOS and Windows run finch as the user; Linux as root runs it directly', () => {
    expect(chooseRootAccess('darwin', finch, base)).toEqual({ how: 'direct' });
    expect(chooseRootAccess('win32', finch, base)).toEqual({ how: 'direct' });
    expect(chooseRootAccess('linux', finch, { ...base, isRoot: true })).toEqual({ how: 'direct' });
  });

  it('sudo without a password first (no prompt at all), even when pkexec is there', () => {
    expect(chooseRootAccess('linux', finch, { ...base, sudoWithoutPassword: true })).toEqual({ how: 'sudo', sudo: '/usr/bin/sudo' });
  });

  it('sudo wanting a password: pkexec\u2019s dialog in a desktop session', () => {
    expect(chooseRootAccess('linux', finch, base)).toEqual({ how: 'pkexec', pkexec: '/usr/bin/pkexec' });
    expect(chooseRootAccess('linux', finch, { ...base, sudo: null })).toEqual({ how: 'pkexec', pkexec: '/usr/bin/pkexec' });
  });

  it('no desktop session for pkexec\u2019s dialog: a message that says so, and what to allow instead', () => {
    const r = chooseRootAccess('linux', finch, { ...base, desktop: false });
    expect(r).toMatchObject({ how: 'none', message: expect.stringMatching(/sudo asks for a password.*needs a desktop session/) });
    expect((r as { hint: string }).hint).toContain(`NOPASSWD:SETENV: ${finch}`);
  });

  it('no pkexec: says to install it, or to allow finch in sudoers', () => {
    const r = chooseRootAccess('linux', finch, { ...base, pkexec: null });
    expect(r).toMatchObject({ how: 'none', message: expect.stringMatching(/pkexec.*is not installed/), hint: expect.stringMatching(/apt install pkexec.*NOPASSWD:SETENV/) });
  });

  it('neither sudo nor pkexec', () => {
    expect(chooseRootAccess('linux', finch, { ...base, sudo: null, pkexec: null })).toMatchObject({ how: 'none', message: expect.stringMatching(/neither sudo nor pkexec/) });
  });
});

function machine(programs: Record<string, string>, vars: Record<string, string> = {}) {
  const dir = tempDir('fl-root-');
  const bin = path.join(dir, 'bin');
  const docker = path.join(dir, 'root-docker');
  const log = path.join(dir, 'root.log');
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(name), { recursive: true });
    writeFileSync(name, text, { mode: 0o755 });
  };
  // A finch that records what it was run with, takes the secret from stdin, and refuses a wrong one as finch does.
  write(path.join(bin, 'finch'), `#!/bin/sh
echo "argv=$*|DOCKER_CONFIG=$DOCKER_CONFIG|PATH=$PATH|HOME=$HOME|FL=$FL_SECRETLESS" >> "${log}"
case $1 in
  --version) echo "finch version v1.19.0";;
  login) secret=$(cat); [ "$secret" = "s3cret pass" ] || { echo 'time="t" level=fatal msg="unexpected status code 401 Unauthorized"' >&2; exit 1; }
         mkdir -p "$DOCKER_CONFIG"; echo "$2" >> "$DOCKER_CONFIG/logins"; echo "Login Succeeded";;
  logout) echo "Removing login credentials for $2";;
esac
`);
  for (const [name, text] of Object.entries(programs)) write(path.join(bin, name), text);
  const env: Env = {
    platform: 'linux',
    vars: { PATH: `${bin}:/usr/bin:/bin`, HOME: path.join(dir, 'home'), DOCKER_CONFIG: docker, FL_ROOT_LOG: log, FL_SECRETLESS: 'user-only', ...vars },
    home: path.join(dir, 'home'),
    isRoot: false,
    now: () => new Date(),
  };
  const calls = () => readFileSync(log, 'utf8').trim().split('\n');
  return { dir, bin, docker, log, env, paths: resolvePaths(env), calls };
}

describe('sudo -n, when it needs no password', () => {
  it('is probed with the exact command, then runs finch with DOCKER_CONFIG by name and the secret on stdin', async () => {
    const m = machine({ sudo: sudoStandIn(true), pkexec: pkexecStandIn('yes') }, { DISPLAY: ':0' });
    const inv = await loginInvocation(m.env, m.paths, 5_000);
    expect(inv.session).toBeUndefined();
    expect([inv.file, ...inv.prefix]).toEqual([path.join(m.bin, 'sudo'), '-n', `DOCKER_CONFIG=${m.docker}`, path.join(m.bin, 'finch')]);
    const { finchLogin } = await import('../../main/core/login/finch-login');
    await finchLogin(inv, 'ghcr.io', 'dana', 's3cret pass');
    const calls = m.calls();
    expect(calls.filter((c) => c.startsWith('sudo'))).toEqual([
      `sudo -n DOCKER_CONFIG=${m.docker} ${path.join(m.bin, 'finch')} --version`,
      `sudo -n DOCKER_CONFIG=${m.docker} ${path.join(m.bin, 'finch')} login ghcr.io --username dana --password-stdin`,
    ]);
    expect(calls.some((c) => c.startsWith('pkexec'))).toBe(false);
    expect(readFileSync(path.join(m.docker, 'logins'), 'utf8')).toBe('ghcr.io\n');
    expect(readFileSync(m.log, 'utf8')).not.toContain('s3cret');
  });

  it('sudo wanting a password and a desktop: pkexec is chosen instead', async () => {
    const m = machine({ sudo: sudoStandIn(false), pkexec: pkexecStandIn('yes') }, { DISPLAY: ':0' });
    const inv = await loginInvocation(m.env, m.paths, 5_000);
    expect(inv.session).toBeInstanceOf(RootSession);
    inv.session!.close();
  });

  it('sudo wanting a password, no pkexec: the login fails with the clear message before anything runs', async () => {
    const m = machine({ sudo: sudoStandIn(false) }, { DISPLAY: ':0' });
    await expect(loginInvocation(m.env, m.paths, 5_000)).rejects.toMatchObject({ kind: 'needs-root', message: expect.stringMatching(/pkexec.*not installed/) });
  });
});

describe('pkexec: one password dialog for a batch', () => {
  const open = (m: ReturnType<typeof machine>, limitMs = 5_000) =>
    new RootSession(path.join(m.bin, 'pkexec'), sessionArgs(path.join(m.bin, 'finch'), m.docker, rootSearchPath(m.paths.extraBinDirs), limitMs), m.env.vars, limitMs);

  it('runs every login and logout of the batch in one root shell, in parallel requests, and says each result', async () => {
    const m = machine({ pkexec: pkexecStandIn('yes') });
    const s = open(m);
    const results = await Promise.all([
      s.login('ghcr.io', 'dana', 's3cret pass'),
      s.login('quay.io', 'dana', 'wrong'),
      s.login('https://index.docker.io/v1/', 'dana', 's3cret pass'),
      s.logout('registry.example.com'),
    ]);
    s.close();
    expect(results.map((r) => r.code)).toEqual([0, 1, 0, 0]);
    expect(results[1]!.stderr).toContain('level=fatal msg="unexpected status code 401 Unauthorized"');
    expect(results[0]!.stderr).toBe('Login Succeeded');
    const calls = m.calls();
    expect(calls.filter((c) => c.startsWith('pkexec'))).toEqual(['pkexec /bin/sh -c']);
    const finchCalls = calls.filter((c) => c.startsWith('argv='));
    expect(finchCalls.map((c) => c.split('|')[0])).toEqual([
      'argv=login ghcr.io --username dana --password-stdin',
      'argv=login quay.io --username dana --password-stdin',
      'argv=login https://index.docker.io/v1/ --username dana --password-stdin',
      'argv=logout registry.example.com',
    ]);
    // Root's finch: DOCKER_CONFIG and system folders only, root's HOME, none of the user's variables.
    expect(finchCalls[0]).toContain(`|DOCKER_CONFIG=${m.docker}|PATH=/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin:/sbin:/bin|HOME=/root|FL=`);
    expect(finchCalls[0]!.endsWith('|FL=')).toBe(true);
    expect(readFileSync(path.join(m.docker, 'logins'), 'utf8')).toBe('ghcr.io\nhttps://index.docker.io/v1/\n');
    expect(readFileSync(m.log, 'utf8')).not.toContain('s3cret');
  });

  it.each([
    ['dismissed', /the password dialog was closed/],
    ['denied', /root rights were refused \(pkexec: Not authorized\)/],
  ] as const)('a %s dialog fails every waiting request with needs-root, and finch never runs', async (answer, message) => {
    const m = machine({ pkexec: pkexecStandIn(answer) });
    const s = open(m);
    const results = await Promise.allSettled([s.login('ghcr.io', 'dana', 's3cret pass'), s.login('quay.io', 'dana', 's3cret pass')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const e = (r as PromiseRejectedResult).reason as Failure;
      expect(e.kind).toBe('needs-root');
      expect(e.message).toMatch(message);
    }
    await expect(s.login('later.example.com', 'dana', 'x')).rejects.toMatchObject({ kind: 'needs-root' });
    expect(m.calls().some((c) => c.startsWith('argv='))).toBe(false);
  });

  it('a value with a line break is refused before it reaches root', async () => {
    const m = machine({ pkexec: pkexecStandIn('yes') });
    const s = open(m);
    await expect(s.login('ghcr.io', 'dana', 'two\nlines')).rejects.toMatchObject({ kind: 'invalid-input' });
    expect((await s.login('ghcr.io', 'dana', 's3cret pass')).code).toBe(0);
    s.close();
  });

  it('root\u2019s finch is stopped at the limit, and the answer says it timed out', async () => {
    const m = machine({ pkexec: pkexecStandIn('yes') });
    writeFileSync(path.join(m.bin, 'finch'), '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    const s = open(m, 1_000);
    const r = await s.login('ghcr.io', 'dana', 's3cret pass');
    s.close();
    expect(r.timedOut).toBe(true);
  }, 15_000);
});

describe('the variables finch gets by name', () => {
  it('every platform: DOCKER_CONFIG is the folder of the config.json the app reads (macOS too: Finch 1.15.0 would write ~/.docker)', () => {
    const env = (platform: Env['platform'], vars: Record<string, string> = {}): Env => ({ platform, vars: { HOME: '/home/u', LOCALAPPDATA: '/home/u/AppData/Local', ...vars }, home: '/home/u', isRoot: false, now: () => new Date() });
    const of = (e: Env) => finchVars(e, resolvePaths(e));
    expect(of(env('linux'))).toEqual({ DOCKER_CONFIG: '/root/.docker' });
    expect(of(env('linux', { DOCKER_CONFIG: '/srv/docker' }))).toEqual({ DOCKER_CONFIG: '/srv/docker' });
    expect(of(env('win32'))).toEqual({ DOCKER_CONFIG: path.join('/home/u/AppData/Local', '.finch') });
    expect(of(env('darwin'))).toEqual({ DOCKER_CONFIG: '/home/u/.finch' });
  });
});
