// IAM Identity Center end to end against the AWS stub's OIDC and portal (built from the SDK's models): sign-in
// without the AWS CLI, the AWS CLI's cache file (read back by the SDK's own SSO provider and by Debian's aws),
// discovery of 300 accounts, role-credential logins through the finch stand-in, refresh, and every error in words.
import { createHash } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { resolvePaths } from '../../main/core/paths';
import { startSignIn } from '../../main/core/sso/sso-sign-in';
import { refreshSsoSessions, ssoSession } from '../../main/core/sso/sso-service';
import { createHandlers } from '../../main/core/handlers';
import { createRenewer } from '../../main/core/renew/renewer';
import { registrationCacheKey } from '../../main/core/sso/token-cache';
import { logFileName } from '../../main/core/log';
import type { LoginOutcome, SsoAccounts } from '../../shared/types';
import { builtCli, runCli, spawnCli, startCli } from '../support/cli';
import { sampleProcesses } from '../support/process-table';
import { awsConfig, awsCredentials, awsStats, ecrHost, loginHome, resetAwsStats, stack } from '../support/login-home';
import { startTlsProxy } from '../support/tls-proxy';
import { afterFirstPoll, cliSignIn, corpSession, decide, revokeSessions, ssoAccount, stubRequests, withSignedInSession } from '../support/sso';
import { needs } from '../support/needs';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const results = (stdout: string) => (JSON.parse(stdout) as { results: LoginOutcome[] }).results;
const cacheDir = (home: string) => path.join(home, '.aws/sso/cache');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
const readCache = (home: string, key: string) => JSON.parse(readFileSync(path.join(cacheDir(home), `${key}.json`), 'utf8')) as Record<string, string>;

/** A home signed in to corp: the first test's real sign-in, reused. */
async function signedInHome() {
  const sb = loginHome();
  await withSignedInSession(sb, async () => {
    const first = loginHome();
    const r = await cliSignIn(first.vars, ['--session', 'corp']);
    if (r.code !== 0) throw new Error(r.stdout + r.stderr);
    return first;
  });
  return sb;
}

needs('the test stack (e2e/stack/with-stack.sh)', stack.up)('IAM Identity Center against the stub', () => {
  beforeEach(resetAwsStats);

  it('signs in to an sso-session without the AWS CLI: pending → slow_down → token, in the AWS CLI cache format', async () => {
    const sb = loginHome();
    const r = await cliSignIn(sb.vars, ['--session', 'corp']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`${stack.aws}/device`);
    expect(r.stdout).toMatch(/Signed in to corp until .*renewed automatically/);
    // CreateToken answered authorization_pending, then slow_down, then the token.
    const counts = (await awsStats()).counts;
    expect(counts['sso-oidc:RegisterClient']).toBe(1);
    expect(counts['sso-oidc:StartDeviceAuthorization']).toBe(1);
    const polls = (await stubRequests()).filter((q) => q.action === 'sso-oidc:CreateToken').map((q) => q.error ?? q.status);
    expect(polls).toEqual(['authorization_pending', 'slow_down', 200]);
    // Polite polling: the stub's interval (1 s) before each poll, 5 s more after slow_down (RFC 8628 §3.5).
    const times = (await stubRequests()).filter((q) => q.action === 'sso-oidc:CreateToken').map((q) => Date.parse(q.time!));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(5950);
    // The token file: sha1 of the session name, the keys SSOTokenFetcher writes, 0600.
    const file = path.join(cacheDir(sb.home), `${sha1('corp')}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readCache(sb.home, sha1('corp'));
    expect(Object.keys(token)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    expect(token).toMatchObject({ startUrl: 'https://corp.awsapps.com/start/#/', region: 'eu-west-1' });
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The registration file, keyed as botocore keys it (scopes from sso_registration_scopes).
    const reg = readCache(sb.home, registrationCacheKey({ name: 'corp', startUrl: 'https://corp.awsapps.com/start/#/', region: 'eu-west-1' }, ['sso:account:access']));
    expect(reg).toMatchObject({ clientId: token.clientId, clientSecret: token.clientSecret, expiresAt: token.registrationExpiresAt, scopes: ['sso:account:access'] });
    // Nothing else was written to ~/.aws: config and credentials are byte for byte as the fixture wrote them.
    expect(readFileSync(sb.file('home/.aws/config'), 'utf8')).toBe(awsConfig);
    expect(readFileSync(sb.file('home/.aws/credentials'), 'utf8')).toBe(awsCredentials);
    expect(readdirSync(cacheDir(sb.home)).sort()).toHaveLength(2);
    const sessions = JSON.parse((await runCli(sb.vars, ['sso', 'sessions', '--json'])).stdout).sessions;
    expect(sessions).toEqual([expect.objectContaining({ id: corpSession, state: 'signed-in', canRefresh: true, profiles: ['corp'] })]);
  });

  it('the SDK’s own SSO provider (fromIni with the sso profile, and fromSSO) takes the cache file we wrote', async () => {
    const sb = await signedInHome();
    // The corp profile names role Developer in 555566667777, which the stub's directory does not give: use an account it does.
    sb.write('home/.aws/config', readFileSync(sb.file('home/.aws/config'), 'utf8').replace('sso_account_id = 555566667777\nsso_role_name = Developer', `sso_account_id = ${ssoAccount(9)}\nsso_role_name = ECRReadOnly`));
    const { fromIni, fromSSO } = await import('@aws-sdk/credential-providers');
    const saved = { ...process.env };
    Object.assign(process.env, { HOME: sb.home, AWS_CONFIG_FILE: sb.vars.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: sb.vars.AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL_SSO: stack.aws });
    try {
      for (const provider of [fromIni({ profile: 'corp', ignoreCache: true }), fromSSO({ profile: 'corp', ignoreCache: true } as never)]) {
        const creds = await provider();
        expect(creds.accessKeyId).toMatch(new RegExp(`^ASIA${ssoAccount(9)}`));
      }
    } finally {
      process.env = saved;
    }
    expect((await awsStats()).counts['sso:GetRoleCredentials']).toBe(2);
  });

  it('Debian’s aws (2.9) takes the cache file we wrote: GetRoleCredentials with our token, then STS with the role', async () => {
    const sb = await signedInHome();
    sb.write('home/.aws/config', readFileSync(sb.file('home/.aws/config'), 'utf8').replace('sso_account_id = 555566667777\nsso_role_name = Developer', `sso_account_id = ${ssoAccount(9)}\nsso_role_name = ECRReadOnly`));
    const proxy = await startTlsProxy(stack.aws, ['portal.sso.eu-west-1.amazonaws.com', 'sts.eu-west-1.amazonaws.com', 'sts.amazonaws.com']);
    try {
      const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          '/usr/bin/aws',
          ['sts', 'get-caller-identity', '--profile', 'corp', '--output', 'json'],
          { env: { PATH: '/usr/bin:/bin', HOME: sb.home, AWS_CONFIG_FILE: sb.vars.AWS_CONFIG_FILE!, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: proxy.caBundle, AWS_MAX_ATTEMPTS: '1' } },
          (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(out.code, out.stderr).toBe(0);
      expect(JSON.parse(out.stdout)).toMatchObject({ Account: ssoAccount(9), Arn: expect.stringContaining('assumed-role/AWSReservedSSO_ECRReadOnly_') });
      expect(proxy.hosts[0]).toBe('portal.sso.eu-west-1.amazonaws.com');
    } finally {
      proxy.close();
    }
  });

  it('no token, refresh token, client secret or role secret in any argv or environment, our files, output, our log or the stack logs', async () => {
    const sb = loginHome();
    // The sign-in in its own process (the built CLI), approved as soon as it prints the code.
    const seen = new Set<string>();
    // --verbose everywhere: the CLI's log goes to stderr, which is searched with the rest.
    const child = spawn(process.execPath, [builtCli, 'sso', 'login', '--session', 'corp', '--verbose'], { env: sb.vars, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /\n\s+([A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(out);
      if (m && !out.includes('#approved')) {
        out += '#approved';
        void decide(m[1]!, 'approve');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const signIn = await sampleProcesses(child.pid!, [], exited, seen);
    expect(signIn.result, out).toBe(0);
    // Then the logins with role credentials, also in their own process, with finch and the docker CLI under it.
    const hosts = [ecrHost(ssoAccount(1), 'eu-west-1'), ecrHost(ssoAccount(3), 'eu-west-1')];
    const denied = ecrHost(ssoAccount(9), 'eu-west-1');
    expect((await runCli(sb.vars, ['sso', 'add', ssoAccount(1), `${ssoAccount(3)}:AdministratorAccess`, `${ssoAccount(9)}:DENIED-Audit`, '--regions', 'eu-west-1'])).code).toBe(0);
    const run = startCli(sb.vars, ['login', ...hosts, '--json', '--verbose']);
    const logins = await sampleProcesses(run.pid, [], run.done, seen);
    expect(logins.result.code, logins.result.stdout).toBe(0);
    expect([...logins.commands].some((c) => c.includes(`${stack.finch} login`))).toBe(true);
    // A login that fails after role credentials were issued (ECR denies the role's keys): the log has its trace.
    const failed = await spawnCli(sb.vars, ['login', denied, '--verbose']);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(new RegExp(`(WARN|ERROR) .*${denied.replace(/\./g, '\\.')}`));

    const token = readCache(sb.home, sha1('corp'));
    // Every role secret access key and session token the stub issued in this test (cleared by beforeEach).
    const issued = ((await (await fetch(`${stack.aws}/__issued`)).json()) as { secrets: string[] }).secrets;
    const secrets = [token.accessToken!, token.refreshToken!, token.clientSecret!, stack.tokenPassword, ...issued];
    expect(issued.length).toBeGreaterThanOrEqual(6);
    // The app's own log file, where this home has one (the window writes it; the CLI logs to stderr).
    const appLog = path.join(resolvePaths(currentEnv(sb.vars)).stateDir, logFileName);
    const everything = [
      ...seen,
      out,
      logins.result.stdout,
      logins.result.stderr,
      failed.stdout,
      failed.stderr,
      ...[appLog, `${appLog}.1`].filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8')),
      ...filesUnder(sb.file('state')).map((f) => readFileSync(f, 'utf8')),
      ...(process.env.FL_STACK_LOGS ? filesUnder(process.env.FL_STACK_LOGS).map((f) => readFileSync(f, 'utf8')) : []),
    ].join('\n');
    for (const secret of secrets) expect(everything.includes(secret), `a secret (${secret.slice(0, 4)}…) leaked`).toBe(false);
  });

  it('discovers 300 accounts with their roles (paginated), caches them, and remembers the role picked per account', async () => {
    const sb = await signedInHome();
    await resetAwsStats();
    const list = JSON.parse((await runCli(sb.vars, ['sso', 'accounts', '--json'])).stdout) as SsoAccounts;
    expect(list.accounts).toHaveLength(300);
    const counts = (await awsStats()).counts;
    expect(counts['sso:ListAccounts']).toBe(3); // pages of 100
    expect(counts['sso:ListAccountRoles']).toBe(300);
    expect(list.accounts.find((a) => a.accountId === ssoAccount(9))).toMatchObject({ roles: ['ECRReadOnly', 'AdministratorAccess', 'DENIED-Audit'], role: null });
    expect(list.accounts.find((a) => a.accountId === ssoAccount(4))!.roles).toEqual([]);
    // Served from the cache the second time; --refresh asks again.
    await resetAwsStats();
    const search = await runCli(sb.vars, ['sso', 'accounts', '--search', ssoAccount(9)]);
    expect(search.stdout).toContain(ssoAccount(9));
    expect(search.stdout).toMatch(/1 of 300 accounts/);
    expect((await awsStats()).counts['sso:ListAccounts']).toBeUndefined();
    await runCli(sb.vars, ['sso', 'accounts', '--refresh', '--json']);
    expect((await awsStats()).counts['sso:ListAccounts']).toBe(3);
  });

  it('adds ECR registries in one step and logs in with role credentials, once per account + role per batch', async () => {
    const sb = await signedInHome();
    const add = await runCli(sb.vars, ['sso', 'add', `${ssoAccount(3)}:AdministratorAccess`, ssoAccount(1), '--regions', 'eu-west-1,us-east-1', '--json']);
    expect(add.code, add.stdout + add.stderr).toBe(0);
    const hosts = JSON.parse(add.stdout).added as string[];
    expect(hosts).toEqual([ecrHost(ssoAccount(3), 'eu-west-1'), ecrHost(ssoAccount(3), 'us-east-1'), ecrHost(ssoAccount(1), 'eu-west-1'), ecrHost(ssoAccount(1), 'us-east-1')]);
    await resetAwsStats();
    const r = await runCli(sb.vars, ['login', ...hosts, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(results(r.stdout).map((o) => [o.result, o.sso?.roleName])).toEqual([
      ['logged-in', 'AdministratorAccess'], ['logged-in', 'AdministratorAccess'], ['logged-in', 'ECRReadOnly'], ['logged-in', 'ECRReadOnly'],
    ]);
    const counts = (await awsStats()).counts;
    expect(counts['sso:GetRoleCredentials']).toBe(2);
    expect(counts['ecr:GetAuthorizationToken']).toBe(4);
    const status = JSON.parse((await runCli(sb.vars, ['status', '--json'])).stdout);
    expect(status.registries.find((x: { host: string }) => x.host === hosts[0])).toMatchObject({ state: 'logged-in', profile: null, sso: { session: corpSession, accountId: ssoAccount(3), roleName: 'AdministratorAccess' } });
    // The role is remembered for the account.
    const again = JSON.parse((await runCli(sb.vars, ['sso', 'accounts', '--json'])).stdout) as SsoAccounts;
    expect(again.accounts.find((a) => a.accountId === ssoAccount(3))!.role).toBe('AdministratorAccess');
  });

  it('refreshes the token with the refresh token before it expires — on use, and by itself — and the AWS CLI cache follows', async () => {
    // One home for both: refresh tokens rotate, so a second home copied from the same sign-in would hold a spent one.
    const sb = await signedInHome();
    const file = path.join(cacheDir(sb.home), `${sha1('corp')}.json`);
    const expiringIn = (minutes: number) => {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...doc, expiresAt: new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d+Z/, 'Z') }));
      return doc;
    };
    // By itself (the app's timer): a token with hours left is left alone; one within 15 minutes is refreshed.
    const fresh = readFileSync(file, 'utf8');
    await resetAwsStats();
    expect(await refreshSsoSessions(currentEnv(sb.vars))).toEqual({ ended: [], live: [corpSession] });
    expect(readFileSync(file, 'utf8')).toBe(fresh);
    expect((await awsStats()).counts['sso-oidc:CreateToken']).toBeUndefined();
    expiringIn(10);
    expect(await refreshSsoSessions(currentEnv(sb.vars))).toEqual({ ended: [], live: [corpSession] });
    expect((await awsStats()).counts['sso-oidc:CreateToken']).toBe(1);
    expect(Date.parse(JSON.parse(readFileSync(file, 'utf8')).expiresAt) - Date.now()).toBeGreaterThan(7 * 3600_000);
    // On use: a portal call with 5 minutes left refreshes first.
    const before = expiringIn(5);
    await resetAwsStats();
    const add = await runCli(sb.vars, ['sso', 'add', ssoAccount(1), '--regions', 'eu-west-1']);
    expect(add.code, add.stderr).toBe(0);
    expect((await awsStats()).counts['sso-oidc:CreateToken']).toBe(1);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(Date.parse(after.expiresAt) - Date.now()).toBeGreaterThan(7 * 3600_000);
    expect(after.clientId).toBe(before.clientId);
  });

  it('three processes refreshing the same session at once: one refresh, all work (refresh tokens rotate)', async () => {
    // A sign-in of its own: a home copied from the shared one may hold a refresh token another test has spent.
    const sb = loginHome();
    expect((await cliSignIn(sb.vars, ['--session', 'corp'])).code).toBe(0);
    const file = path.join(cacheDir(sb.home), `${sha1('corp')}.json`);
    for (let round = 0; round < 2; round++) {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...doc, expiresAt: new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z/, 'Z') }));
      await resetAwsStats();
      const runs = await Promise.all([0, 1, 2].map(() => spawnCli(sb.vars, ['sso', 'accounts', '--refresh', '--search', ssoAccount(7), '--json'])));
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      expect((await awsStats()).counts['sso-oidc:CreateToken'], `round ${round}`).toBe(1);
    }
  });

  it('an SSO profile of ~/.aws/config signs in from the app (no AWS CLI): the profile’s session gets the token', async () => {
    const sb = loginHome();
    const opened: string[] = [];
    const handlers = createHandlers(currentEnv(sb.vars), {
      openExternal: async (url) => {
        opened.push(url);
        const code = new URL(url).searchParams.get('user_code')!;
        void afterFirstPoll().then(() => decide(code, 'approve'));
      },
    });
    await handlers.ssoLogin({ profile: 'corp' });
    expect(opened).toHaveLength(1);
    expect(readCache(sb.home, sha1('corp'))).toMatchObject({ startUrl: 'https://corp.awsapps.com/start/#/', region: 'eu-west-1' });
  });

  it('auto-renew of a registry added from Identity Center refreshes a token inside the refresh window, and the registry ends logged in', async () => {
    // Its own sign-in: refresh tokens rotate, so the shared one may be spent by the refresh test.
    const sb = loginHome();
    const signIn = await cliSignIn(sb.vars, ['--session', 'corp']);
    expect(signIn.code, signIn.stdout + signIn.stderr).toBe(0);
    const host = ecrHost(ssoAccount(1), 'eu-west-1');
    expect((await runCli(sb.vars, ['sso', 'add', ssoAccount(1), '--regions', 'eu-west-1'])).code).toBe(0);
    const env = currentEnv(sb.vars);
    const handlers = createHandlers(env, {});
    expect(await handlers.login({ host })).toMatchObject({ result: 'logged-in' });
    const loggedIn = (await handlers.getStatus(undefined)).registries.find((r) => r.host === host)!;
    expect(loggedIn).toMatchObject({ state: 'logged-in', sso: { session: corpSession, accountId: ssoAccount(1), roleName: 'ECRReadOnly' } });
    // The session's token has 5 minutes left (inside the 15-minute refresh window) when the login falls due.
    const file = path.join(cacheDir(sb.home), `${sha1('corp')}.json`);
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    writeFileSync(file, JSON.stringify({ ...before, expiresAt: new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z/, 'Z') }));
    await resetAwsStats();
    const dueAt = Date.parse(loggedIn.expiresAt!) - 10 * 60_000; // inside the renewer's 30-minute lead
    const renewer = createRenewer({ login: (h) => handlers.login({ host: h }), onReports: () => undefined, now: () => dueAt });
    renewer.update([loggedIn], { all: true, hosts: [], leadMs: 30 * 60_000 });
    const reports = await renewer.runDue();
    renewer.stop();
    expect(reports).toEqual([{ host, outcome: expect.objectContaining({ result: 'logged-in' }), failures: 0 }]);
    // The token was refreshed with the refresh token (CreateToken once, the refresh_token grant), then the role's keys.
    expect((await stubRequests()).filter((q) => q.action.startsWith('sso')).map((q) => `${q.action} ${q.status}`)).toEqual([
      'sso-oidc:CreateToken 200',
      'sso:GetRoleCredentials 200',
    ]);
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(Date.parse(after.expiresAt!) - Date.now()).toBeGreaterThan(7 * 3600_000);
    // …and a new ECR token went to finch: the registry is logged in, read back from config.json.
    expect((await awsStats()).counts['ecr:GetAuthorizationToken']).toBe(1);
    expect((await handlers.getStatus(undefined)).registries.find((r) => r.host === host)).toMatchObject({ state: 'logged-in' });
  });

  it('says plainly when the session has ended, a role is not yours, an account has none, or the start URL is no portal', async () => {
    const sb = await signedInHome();
    const noRole = await runCli(sb.vars, ['sso', 'add', ssoAccount(4), '--regions', 'eu-west-1']);
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain(`IAM Identity Center gives you no role in account ${ssoAccount(4)}`);
    const host = ecrHost(ssoAccount(2), 'eu-west-1');
    // A role that was taken away after it was picked: GetRoleCredentials answers ForbiddenException.
    sb.write('state/state.json', { version: 1, registries: { [host]: { added: true, sso: { session: corpSession, accountId: ssoAccount(2), roleName: 'AdministratorAccess' } } } });
    const denied = results((await runCli(sb.vars, ['login', host, '--json'])).stdout)[0]!;
    expect(denied.error).toMatchObject({ kind: 'sso-role-denied', message: `IAM Identity Center does not let you use role AdministratorAccess in account ${ssoAccount(2)}.` });
    // ECR itself refusing the role's keys.
    sb.write('state/state.json', { version: 1, registries: { [host]: { added: true, sso: { session: corpSession, accountId: ssoAccount(9), roleName: 'DENIED-Audit' } } } });
    const ecrDenied = results((await runCli(sb.vars, ['login', host, '--json'])).stdout)[0]!;
    expect(ecrDenied.error).toMatchObject({ kind: 'access-denied', message: `AWS denied ecr:GetAuthorizationToken to role DENIED-Audit in account ${ssoAccount(9)}.` });
    // The session revoked on the portal: refresh fails too, so it has ended.
    await revokeSessions();
    const ended = results((await runCli(sb.vars, ['login', host, '--json'])).stdout)[0]!;
    expect(ended.error).toMatchObject({ kind: 'sso-session-ended', message: 'Your IAM Identity Center session corp has ended (it expired or was signed out).', hint: 'Sign in again (finch-logins sso login --session corp).' });
    // The app's round of refreshes says so too once the token has expired (with time left, the old token is used
    // while a refresh fails), and no longer counts the session live.
    const file = path.join(cacheDir(sb.home), `${sha1('corp')}.json`);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), expiresAt: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z/, 'Z') }));
    expect(await refreshSsoSessions(currentEnv(sb.vars))).toEqual({ ended: [{ session: corpSession, message: ended.error!.message }], live: [] });
    const notPortal = await cliSignIn(sb.vars, ['--start-url', 'https://example.com/login', '--region', 'eu-west-1']);
    expect(notPortal.code).toBe(1);
    expect(notPortal.stderr).toContain('https://example.com/login is not an IAM Identity Center start URL in eu-west-1');
  });

  it('a typed start URL signs in once and is remembered; denying in the browser is reported', async () => {
    const sb = loginHome();
    const denied = await cliSignIn(sb.vars, ['--start-url', 'https://typed.awsapps.com/start', '--region', 'us-east-1'], 'deny');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('The sign-in was denied in the browser.');
    const ok = await cliSignIn(sb.vars, ['--start-url', 'https://typed.awsapps.com/start', '--region', 'us-east-1']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readCache(sb.home, sha1('https://typed.awsapps.com/start'))).toMatchObject({ startUrl: 'https://typed.awsapps.com/start', region: 'us-east-1' });
    const sessions = JSON.parse((await runCli(sb.vars, ['sso', 'sessions', '--json'])).stdout).sessions;
    expect(sessions.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([[corpSession, 'signed-out'], ['url:https://typed.awsapps.com/start', 'signed-in']]);
    expect(readFileSync(sb.file('home/.aws/config'), 'utf8')).not.toContain('typed');
  });

  it('a device code that expires before approval (the browser was closed) is reported, polling at the given interval', async () => {
    const sb = loginHome();
    let now = Date.now();
    const env = { ...currentEnv(sb.vars), now: () => new Date(now) };
    const { paths, session } = await ssoSession(env, corpSession);
    const waits: number[] = [];
    const pending = await startSignIn(env, paths, session, { sleep: async (ms) => void (waits.push(ms), (now += ms > 0 ? 11 * 60_000 : 0)) });
    await expect(pending.done).rejects.toMatchObject({ kind: 'sso-code-expired', message: 'The sign-in code expired before it was approved in the browser (was the browser closed?).' });
    expect(waits).toEqual([1000]);
    expect(resolvePaths(env).awsSsoCache).toBe(cacheDir(sb.home));
  });

  it('offline: IAM Identity Center cannot be reached', async () => {
    const sb = loginHome({ vars: { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9' } });
    const r = await cliSignIn(sb.vars, ['--session', 'corp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('IAM Identity Center (eu-west-1) could not be reached.');
  });
});
