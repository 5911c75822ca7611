// Every login flow against the real stack: the finch stand-in over the docker CLI, real registries checking the
// password, the AWS stub behind the real SDK, and the real keyring (docker-credential-secretservice, @napi-rs/keyring).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { keychainFailed, keychainService, systemKeychain } from '../../main/core/login/keychain';
import { login } from '../../main/core/login/login-service';
import type { LoginOutcome, Status } from '../../shared/types';
import { runCli, spawnCli, startCli } from '../support/cli';
import { sampleProcesses } from '../support/process-table';
import { accounts, awsStats, ecrHost, loginHome, resetAwsStats, stack } from '../support/login-home';
import { needs } from '../support/needs';

const helperGet = (host: string, vars: Record<string, string>) =>
  JSON.parse(execFileSync('docker-credential-secretservice', ['get'], { input: host, env: { ...process.env, HOME: vars.HOME }, encoding: 'utf8' })) as { Username: string; Secret: string };
const helperErase = (host: string) => {
  try {
    execFileSync('docker-credential-secretservice', ['erase'], { input: host, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    // not there: fine
  }
};
const results = (stdout: string) => (JSON.parse(stdout) as { results: LoginOutcome[] }).results;
const status = async (vars: Record<string, string>) => JSON.parse((await runCli(vars, ['status', '--json'])).stdout) as Status;

const named = ecrHost(accounts.named, 'eu-west-1');
const devHost = ecrHost(accounts.dev, 'us-east-1');
const devHost2 = ecrHost(accounts.dev, 'us-west-2');
const roleHost = ecrHost(accounts.role, 'eu-west-1');
const deniedHost = ecrHost(accounts.denied, 'eu-west-1');
const ssoHost = ecrHost(accounts.sso, 'eu-west-1');
const created: string[] = [];

needs('the test stack (e2e/stack/with-stack.sh)', stack.up)('logins against the real stack', () => {
  beforeEach(resetAwsStats);
  afterAll(async () => {
    for (const h of [named, devHost, devHost2, roleHost, 'public.ecr.aws', 'https://index.docker.io/v1/', 'ghcr.io', ...created]) helperErase(h);
    const k = await systemKeychain();
    for (const h of ['ghcr.io', 'docker.io']) await k.deletePassword(keychainService, h).catch(() => undefined);
  });

  it('ECR: the profile named after the account logs in; the store holds the token; status counts down 12 h', async () => {
    const sb = loginHome();
    const r = await runCli(sb.vars, ['login', named, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [o] = results(r.stdout);
    expect(o).toMatchObject({ host: named, result: 'logged-in', profile: accounts.named });
    const left = Date.parse(o!.expiresAt!) - Date.now();
    expect(left).toBeGreaterThan(11.9 * 3600_000);
    expect(helperGet(named, sb.vars)).toEqual({ ServerURL: named, Username: 'AWS', Secret: stack.tokenPassword });
    const reg = (await status(sb.vars)).registries.find((x) => x.host === named);
    expect(reg).toMatchObject({ kind: 'ecr', auth: 'creds-store', profile: accounts.named, state: 'logged-in', expiresAt: o!.expiresAt });
    expect((await runCli(sb.vars, ['status'])).stdout).toMatch(new RegExp(`${named.replace(/\./g, '\\.')}.*logged-in, 1[12] h \\d+ m left`));
  });

  it('ECR: a profile is found by its account (STS for static keys, role_arn for assume-role) and remembered', async () => {
    const sb = loginHome();
    const r = await runCli(sb.vars, ['login', devHost, roleHost, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(results(r.stdout).map((o) => [o.host, o.profile])).toEqual([[devHost, 'dev'], [roleHost, 'role']]);
    const counts = (await awsStats()).counts;
    expect(counts['sts:AssumeRole']).toBe(1);
    const state = JSON.parse(readFileSync(sb.file('state/state.json'), 'utf8'));
    expect(state.accounts.dev.accountId).toBe(accounts.dev);
    expect(JSON.stringify(state)).not.toContain(stack.tokenPassword);
  });

  it('--profile binds the registry to a profile for later logins', async () => {
    const sb = loginHome();
    expect((await runCli(sb.vars, ['login', devHost2, '--profile', 'default'])).code).toBe(0);
    const again = await runCli(sb.vars, ['login', devHost2, '--json']);
    expect(results(again.stdout)[0]!.profile).toBe('default');
    expect((await status(sb.vars)).registries.find((x) => x.host === devHost2)!.profile).toBe('default');
  });

  it('AccessDenied is quoted with the action, and nothing is written', async () => {
    const sb = loginHome();
    const before = readFileSync(sb.file('home/.finch/config.json'), 'utf8');
    const r = await runCli(sb.vars, ['login', deniedHost, '--profile', 'denied']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/AWS denied ecr:GetAuthorizationToken to profile "denied"/);
    expect(r.stdout).toMatch(/Ask your AWS administrator to allow ecr:GetAuthorizationToken/);
    expect(readFileSync(sb.file('home/.finch/config.json'), 'utf8')).toBe(before);
  });

  it('an SSO profile without a cached token says to run aws sso login', async () => {
    // The built CLI in its own process: the SDK's SSO provider reads HOME and AWS_CONFIG_FILE from process.env.
    const sb = loginHome();
    const r = await spawnCli(sb.vars, ['login', ssoHost, '--json']);
    expect(r.code).toBe(1);
    expect(results(r.stdout)[0]!.error).toMatchObject({ kind: 'sso-login-needed', hint: 'Run: aws sso login --profile corp' });
  });

  it('a profile with mfa_serial asks for the code, then logs in with it', async () => {
    const sb = loginHome();
    const host = ecrHost(accounts.role, 'us-east-1');
    created.push(host);
    const asked = await runCli(sb.vars, ['login', host, '--profile', 'mfa', '--json']);
    expect(results(asked.stdout)[0]!.error).toMatchObject({ kind: 'needs-mfa', detail: { profile: 'mfa' } });
    const r = await runCli(sb.vars, ['login', host, '--profile', 'mfa', '--mfa-code', '123456', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(results(r.stdout)[0]).toMatchObject({ result: 'logged-in', profile: 'mfa' });
  });

  it('a profile logging in to several regions resolves its credentials once: one assume-role call, one use of the MFA code', async () => {
    const sb = loginHome();
    const hosts = [ecrHost(accounts.role, 'us-east-1'), ecrHost(accounts.role, 'eu-west-1')];
    created.push(...hosts);
    const r = await runCli(sb.vars, ['login', ...hosts, '--profile', 'mfa', '--mfa-code', '123456', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(results(r.stdout).map((o) => [o.host, o.result])).toEqual(hosts.map((h) => [h, 'logged-in']));
    const counts = (await awsStats()).counts;
    expect(counts['sts:AssumeRole']).toBe(1);
    expect(counts['ecr:GetAuthorizationToken']).toBe(2);
  });

  it('Windows: finch runs with DOCKER_CONFIG at %LOCALAPPDATA%\\.finch, where the VM reads logins', async () => {
    const sb = loginHome({ platform: 'win32', config: null });
    sb.write('home/AppData/Local/.finch/config.json', { credsStore: 'secretservice' });
    const log = sb.file('finch.log');
    sb.vars.FL_FINCH_LOG = log;
    const r = await runCli(sb.vars, ['login', 'ghcr.io', '--username', stack.user, '--password-stdin'], stack.password);
    expect(r.code, r.stdout).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; DOCKER_CONFIG: string });
    expect(calls.find((c) => c.argv[0] === 'login')!.DOCKER_CONFIG).toBe(sb.file('home/AppData/Local/.finch'));
    expect(helperGet('ghcr.io', sb.vars).Username).toBe(stack.user);
  });

  it('macOS, Finch 1.15.0: the login lands in ~/.finch/config.json, where Finch\u2019s pulls read it, not in ~/.docker', async () => {
    // Finch 1.15.0's host login (cmd/finch/login_local.go at v1.15.0) leaves DOCKER_CONFIG unset, so nerdctl writes
    // ~/.docker/config.json, which the credential server never reads; 1.15.1 added DOCKER_CONFIG=~/.finch (FACTS.md,
    // Finch: "DOCKER_CONFIG handling in it came in 1.15.1"). The stand-in plays that (e2e/stack/finch/login.go,
    // loginConfigDir; pinned by finch-stand-in.test.ts). The app passes DOCKER_CONFIG itself, so it lands right anyway.
    const sb = loginHome({ config: null, vars: { FL_FINCH_VERSION: 'v1.15.0' } });
    const log = sb.file('finch.log');
    sb.vars.FL_FINCH_LOG = log;
    const r = await runCli(sb.vars, ['login', 'ghcr.io', '--username', stack.user, '--password-stdin', '--json'], stack.password);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(results(r.stdout)[0]).toMatchObject({ host: 'ghcr.io', result: 'logged-in' });
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; DOCKER_CONFIG?: string });
    expect(calls.find((c) => c.argv[0] === 'login')!.DOCKER_CONFIG).toBe(sb.file('home/.finch'));
    // Finch made ~/.finch/config.json first (credserver.EnsureConfigExists: "auths": null and the keychain it found),
    // and the login went into it, its secret in that keychain.
    const cfg = JSON.parse(readFileSync(sb.file('home/.finch/config.json'), 'utf8')) as { auths: Record<string, object>; credsStore?: string };
    expect(cfg.credsStore).toBe('secretservice');
    expect(Object.keys(cfg.auths)).toEqual(['ghcr.io']);
    expect(existsSync(sb.file('home/.docker/config.json'))).toBe(false);
    expect(helperGet('ghcr.io', sb.vars)).toMatchObject({ Username: stack.user, Secret: stack.password });
    expect((await status(sb.vars)).registries.find((x) => x.host === 'ghcr.io')).toMatchObject({ state: 'logged-in', username: stack.user });
  });

  it('an account no profile belongs to asks the user to pick one', async () => {
    const sb = loginHome();
    const r = await runCli(sb.vars, ['login', ecrHost('999999999999', 'eu-west-1'), '--json']);
    expect(results(r.stdout)[0]!.error!.kind).toBe('needs-profile');
  });

  it('ECR Public: a us-east-1 token logged in at public.ecr.aws', async () => {
    const sb = loginHome();
    const r = await runCli(sb.vars, ['login', 'public.ecr.aws', '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(results(r.stdout)[0]).toMatchObject({ result: 'logged-in', profile: 'default' });
    expect((await awsStats()).counts['ecr-public:GetAuthorizationToken']).toBe(1);
    expect(helperGet('public.ecr.aws', sb.vars).Username).toBe('AWS');
  });

  it('a password login: wrong password is a 401 in plain words and changes nothing; right one is stored', async () => {
    const sb = loginHome();
    const cfg = sb.file('home/.finch/config.json');
    const before = readFileSync(cfg, 'utf8');
    const bad = await runCli(sb.vars, ['login', 'ghcr.io', '--username', stack.user, '--password-stdin', '--json'], 'wrong-password\n');
    expect(bad.code).toBe(1);
    expect(results(bad.stdout)[0]!.error).toMatchObject({ kind: 'unauthorized', message: 'ghcr.io refused the username and password (401 Unauthorized).' });
    expect(readFileSync(cfg, 'utf8')).toBe(before);
    const good = await runCli(sb.vars, ['login', 'ghcr.io', '--username', stack.user, '--password-stdin', '--remember'], `${stack.password}\n`);
    expect(good.code, good.stdout).toBe(0);
    expect(helperGet('ghcr.io', sb.vars)).toMatchObject({ Username: stack.user, Secret: stack.password });
    expect(await (await systemKeychain()).getPassword(keychainService, 'ghcr.io')).toBe(stack.password);
    expect(readFileSync(sb.file('state/state.json'), 'utf8')).not.toContain(stack.password);
  });

  it('a remembered password logs in again with one click; logout --forget removes it', async () => {
    const sb = loginHome();
    // Docker Hub is logged in at https://index.docker.io/v1/, but errors name it as the user does.
    const bad = await runCli(sb.vars, ['login', 'docker.io', '--username', stack.user, '--password-stdin', '--json'], 'wrong-password');
    expect(results(bad.stdout)[0]!.error).toMatchObject({ kind: 'unauthorized', message: 'docker.io refused the username and password (401 Unauthorized).' });
    expect((await runCli(sb.vars, ['login', 'docker.io', '--username', stack.user, '--password-stdin', '--remember'], stack.password)).code).toBe(0);
    expect((await status(sb.vars)).registries.find((x) => x.host === 'docker.io')).toMatchObject({ kind: 'docker-hub', state: 'logged-in', username: stack.user });
    expect((await runCli(sb.vars, ['logout', 'docker.io'])).code).toBe(0);
    expect((await status(sb.vars)).registries.find((x) => x.host === 'docker.io')?.state ?? 'logged-out').toBe('logged-out');
    const again = await runCli(sb.vars, ['login', 'docker.io', '--json']);
    expect(results(again.stdout)[0]!.result).toBe('logged-in');
    expect((await runCli(sb.vars, ['logout', 'docker.io', '--forget'])).code).toBe(0);
    expect(await (await systemKeychain()).getPassword(keychainService, 'docker.io')).toBeNull();
    expect(results((await runCli(sb.vars, ['login', 'docker.io', '--json'])).stdout)[0]!.error!.kind).toBe('needs-password');
  });

  it('logout of a helper-backed registry with no login is done, not a failure (Finch logs "Failed to erase" first)', async () => {
    // The macOS keychain helper fails `erase` of an unknown server (the Secret Service's does not): one that answers alike.
    const sb = loginHome({ config: { auths: {}, credsStore: 'keychain' } });
    sb.write('bin/docker-credential-keychain', '#!/bin/sh\n[ "$1" = list ] && { echo "{}"; exit 0; }\necho "The specified item could not be found in the keychain."\nexit 1\n', 0o755);
    const r = await runCli(sb.vars, ['logout', 'quay.io']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // A real failure still is one: a helper that is not there.
    sb.write('home/.finch/config.json', { auths: {}, credsStore: 'absent-helper' });
    const broken = await runCli(sb.vars, ['logout', 'quay.io']);
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toMatch(/finch logout quay.io failed: .*docker-credential-absent-helper/);
  });

  it('log in to all: one token request per profile and region, input-needing registries skipped', async () => {
    const sb = loginHome({
      config: {
        credsStore: 'secretservice',
        auths: { [named]: {}, [devHost]: {}, [devHost2]: {}, [roleHost]: {}, 'public.ecr.aws': {}, 'quay.io': {} },
      },
    });
    // Two registries in the same account and region would share a token: add a second region-mate of devHost.
    const devHostFips = `${accounts.dev}.dkr.ecr-fips.us-east-1.amazonaws.com`;
    created.push(devHostFips);
    expect((await runCli(sb.vars, ['login', devHostFips])).code).toBe(0);
    // Renewing leaves the login just made as it is (the keyring may hold others' logins from earlier tests: they
    // are valid too, so only what is known to be due is asserted).
    const renew = await runCli(sb.vars, ['login', '--all', '--json']);
    expect(renew.code, renew.stdout).toBe(0);
    const renewed = Object.fromEntries(results(renew.stdout).map((o) => [o.host, o]));
    expect(renewed[devHostFips]).toBeUndefined();
    expect(renewed['quay.io']).toMatchObject({ result: 'skipped', error: { kind: 'needs-password' } });

    await resetAwsStats();
    const r = await runCli(sb.vars, ['login', '--all', '--relogin', '--json']);
    const by = Object.fromEntries(results(r.stdout).map((o) => [o.host, o]));
    expect(r.code, r.stdout).toBe(0);
    for (const h of [named, devHost, devHost2, roleHost, devHostFips, 'public.ecr.aws']) expect(by[h]!.result, h).toBe('logged-in');
    expect(by['quay.io']).toMatchObject({ result: 'skipped', error: { kind: 'needs-password' } });
    // named|eu-west-1, dev|us-east-1 (two hosts), dev|us-west-2, role|eu-west-1 → 4 ECR token requests.
    expect((await awsStats()).counts['ecr:GetAuthorizationToken']).toBe(4);

    // Every ECR login is now valid for 12 hours: Log in to all has only the password registry left to try.
    const after = await runCli(sb.vars, ['login', '--all', '--json']);
    expect(results(after.stdout).map((o) => o.host)).toEqual(['quay.io']);
  });

  it('no secret in any process\'s argv or environment during a login, nor in our files or output', async () => {
    const sb = loginHome({ vars: { FL_FINCH_LOGIN_DELAY_MS: '400' } });
    const secrets = [stack.password, stack.tokenPassword];
    const run = startCli(sb.vars, ['login', 'ghcr.io', '--username', stack.user, '--password-stdin', '--remember'], stack.password);
    const watched = await sampleProcesses(run.pid, secrets, run.done);
    expect(watched.result.code, watched.result.stdout).toBe(0);
    // The sampler really saw the login in flight: finch (the stand-in) and our CLI were both in the table.
    expect([...watched.commands].some((c) => c.includes(`${stack.finch} login ghcr.io`))).toBe(true);
    expect(watched.sightings).toEqual([]);
    const ecrRun = startCli(sb.vars, ['login', named]);
    const ecr = await sampleProcesses(ecrRun.pid, secrets, ecrRun.done);
    expect(ecr.result.code, ecr.result.stdout).toBe(0);
    expect(ecr.sightings).toEqual([]);
    const ours = [watched.result.stdout, watched.result.stderr, ecr.result.stdout, ecr.result.stderr, readFileSync(sb.file('state/state.json'), 'utf8')].join('\n');
    for (const s of secrets) expect(ours).not.toContain(s);
  });

  it('the process-table sampler does find a secret that is there (so the test above can fail)', async () => {
    const child = spawn('sh', ['-c', 'sleep 0.3; true', 'sh', 'leaked-in-argv'], { env: { PATH: '/usr/bin:/bin', LEAK: 'leaked-in-env' } });
    const done = new Promise((r) => child.on('close', r));
    const seen = await sampleProcesses(child.pid!, ['leaked-in-argv', 'leaked-in-env'], done);
    expect(new Set(seen.sightings.map((s) => s.where))).toEqual(new Set(['argv', 'environ']));
  });

  it('a keychain that refuses the password leaves a successful login logged in, with a warning', async () => {
    const sb = loginHome();
    const refusing = async () => ({
      getPassword: async () => null,
      setPassword: async () => {
        throw keychainFailed('store the password', 'locked');
      },
      deletePassword: async () => false,
    });
    const o = await login(currentEnv(sb.vars), { host: 'ghcr.io', username: stack.user, password: stack.password, remember: true }, { keychain: refusing });
    expect(o).toMatchObject({ result: 'logged-in', warning: { kind: 'keychain-failed' } });
    expect(helperGet('ghcr.io', sb.vars).Username).toBe(stack.user);
    const state = JSON.parse(readFileSync(sb.file('state/state.json'), 'utf8'));
    expect(state.registries['ghcr.io'].rememberedUser).toBeUndefined();
  });

  it('a missing finch is a clear error', async () => {
    const sb = loginHome({ vars: { FINCH_LOGINS_FINCH: '' } });
    const r = await runCli(sb.vars, ['login', named, '--json']);
    expect(results(r.stdout)[0]!.error).toMatchObject({ kind: 'finch-missing', message: 'Finch was not found.' });
  });

  it('usage errors exit 2 and never read a password from argv', async () => {
    const sb = loginHome();
    expect((await runCli(sb.vars, ['login'])).code).toBe(2);
    expect((await runCli(sb.vars, ['login', 'ghcr.io', '--username', 'u'])).code).toBe(2);
    expect((await runCli(sb.vars, ['login', 'ghcr.io', '--password', 'x'])).code).toBe(2);
    expect((await runCli(sb.vars, ['login', '--all', 'ghcr.io'])).code).toBe(2);
  });
});
