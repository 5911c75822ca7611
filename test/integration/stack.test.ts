// Proves the test stack (e2e/stack) is real: a registry that really checks passwords, a finch stand-in that really
// logs in through docker into the Secret Service keyring, and an AWS stub the real SDK and CLI accept.
// Run: bash e2e/stack/with-stack.sh npx vitest run --project integration test/integration/stack.test.ts
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { ECRPUBLICClient, GetAuthorizationTokenCommand as GetPublicAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public';

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    // A program that exits without reading stdin (finch --version) makes this write fail with EPIPE: not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this file under e2e/stack/with-stack.sh`);
  return value;
}

const helper = 'docker-credential-secretservice';
const FATAL_LINE = /^time="[^"]+" level=fatal msg=".*"$/m;

let registry: string;
let ecrRegistry: string;
let user: string;
let password: string;
let tokenPassword: string;
let awsEndpoint: string;
let finch: string;

/** HOME for direct helper calls, so libsecret's dconf cache does not land in the caller's HOME. */
let helperHome: string;
function helperRun(cmd: 'get' | 'list' | 'erase', input = ''): Promise<RunResult> {
  return run(helper, [cmd], { input, env: { ...process.env, HOME: helperHome } });
}

/** Keyring entries and temp dirs a test created, removed after each test. */
let storedServers: string[] = [];
let tempDirs: string[] = [];

async function tempHome(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fl-stack-test-'));
  tempDirs.push(dir);
  return dir;
}

/** A HOME whose ~/.finch/config.json stores through the real keyring. */
async function keyringHome(): Promise<string> {
  const home = await tempHome();
  await mkdir(join(home, '.finch'));
  await writeFile(join(home, '.finch', 'config.json'), JSON.stringify({ credsStore: 'secretservice' }));
  return home;
}

function finchEnv(home: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete e.DOCKER_CONFIG;
  return e;
}

function finchLogin(home: string, server: string, username: string, secret: string): Promise<RunResult> {
  storedServers.push(server);
  return run(finch, ['login', server, '--username', username, '--password-stdin'], { input: secret, env: finchEnv(home) });
}

async function registryStatus(host: string, auth?: [string, string]): Promise<number> {
  const headers: Record<string, string> = auth ? { Authorization: `Basic ${Buffer.from(auth.join(':')).toString('base64')}` } : {};
  const res = await fetch(`http://${host}/v2/`, { headers });
  await res.arrayBuffer();
  return res.status;
}

function decodeToken(token: string | undefined): [string, string] {
  const decoded = Buffer.from(token ?? '', 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return [decoded.slice(0, i), decoded.slice(i + 1)];
}

async function stubStats(): Promise<{ counts: Record<string, number>; requests: { action: string; accessKeyId?: string; region?: string; status: number }[] }> {
  const res = await fetch(`${awsEndpoint}/__stats`);
  return res.json();
}

beforeAll(async () => {
  if (process.env.FL_STACK !== '1') throw new Error('FL_STACK is not set: run this file under e2e/stack/with-stack.sh');
  registry = env('FL_REGISTRY');
  ecrRegistry = env('FL_ECR_REGISTRY');
  user = env('FL_REGISTRY_USER');
  password = env('FL_REGISTRY_PASSWORD');
  tokenPassword = env('FL_ECR_TOKEN_PASSWORD');
  awsEndpoint = env('FL_AWS_ENDPOINT');
  finch = env('FL_FINCH');
  helperHome = await mkdtemp(join(tmpdir(), 'fl-stack-helper-'));
  await fetch(`${awsEndpoint}/__reset`, { method: 'POST' });
});

afterAll(async () => {
  if (helperHome) await rm(helperHome, { recursive: true, force: true });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of storedServers) await helperRun('erase', server);
  storedServers = [];
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  tempDirs = [];
});

describe('registry', () => {
  it('rejects anonymous requests and wrong passwords with 401, accepts the right one', async () => {
    expect(await registryStatus(registry)).toBe(401);
    expect(await registryStatus(registry, [user, `${password}-wrong`])).toBe(401);
    expect(await registryStatus(registry, [user, password])).toBe(200);
    expect(await registryStatus(registry, ['AWS', tokenPassword])).toBe(200);
  });

  it('has an ECR-like registry that accepts only AWS + the token password', async () => {
    expect(await registryStatus(ecrRegistry, ['AWS', tokenPassword])).toBe(200);
    expect(await registryStatus(ecrRegistry, ['AWS', 'not-the-token'])).toBe(401);
    expect(await registryStatus(ecrRegistry, [user, password])).toBe(401);
  });
});

describe('finch stand-in', () => {
  it('reports a Finch version', async () => {
    const res = await run(finch, ['--version'], { env: finchEnv(await tempHome()) });
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toMatch(/^finch version v\d+\.\d+\.\d+$/);
  });

  it('logs in through docker into the Secret Service keyring, then logs out', async () => {
    const home = await keyringHome();
    const login = await finchLogin(home, registry, user, password);
    expect(login.stderr).not.toMatch(/level=(warning|error|fatal)/);
    expect(login.status).toBe(0);
    expect(login.stdout).toContain('Login Succeeded');

    const got = await helperRun('get', registry);
    expect(got.status).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ Username: user, Secret: password });
    const list = await helperRun('list');
    expect(JSON.parse(list.stdout)).toMatchObject({ [registry]: user });
    // The password went to the keyring, not into config.json.
    const config = await readFile(join(home, '.finch', 'config.json'), 'utf8');
    expect(config).not.toContain(Buffer.from(`${user}:${password}`).toString('base64'));
    expect(JSON.parse(config)).toMatchObject({ credsStore: 'secretservice' });

    const logout = await run(finch, ['logout', registry], { env: finchEnv(home) });
    expect(logout.status).toBe(0);
    expect(logout.stdout).toBe('');
    const gone = await helperRun('get', registry);
    expect(gone.status).not.toBe(0);
    expect(gone.stdout.trim()).toBe('credentials not found in native keychain');
  });

  it('fails a wrong password with exit 1 and a fatal line mentioning 401, storing nothing', async () => {
    const home = await keyringHome();
    const res = await finchLogin(home, registry, user, 'definitely-wrong');
    expect(res.status).toBe(1);
    expect(res.stdout).not.toContain('Login Succeeded');
    expect(res.stderr).toMatch(FATAL_LINE);
    expect(res.stderr).toContain('401 Unauthorized');
    const got = await helperRun('get', registry);
    expect(got.status).not.toBe(0);
  });

  it('takes a password on argv with Finch\'s warning, and refuses it together with --password-stdin', async () => {
    const home = await keyringHome();
    storedServers.push(registry);
    const res = await run(finch, ['login', registry, '-u', user, '-p', password], { env: finchEnv(home) });
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(/level=warning msg="WARNING! Using --password via the CLI is insecure. Use --password-stdin."/);
    const both = await run(finch, ['login', registry, '-u', user, '-p', password, '--password-stdin'], { input: password, env: finchEnv(home) });
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/level=fatal msg="--password and --password-stdin are mutually exclusive"/);
  });

  it('reads and changes the VM state', async () => {
    const home = await tempHome();
    const state = join(home, 'vm-state');
    const e = { ...finchEnv(home), FL_FINCH_VM_STATE: state, FL_FINCH_VM_DELAY_MS: '10' };
    expect((await run(finch, ['vm', 'status'], { env: e })).stdout).toBe('Running\n');
    expect((await run(finch, ['vm', 'stop'], { env: e })).status).toBe(0);
    expect((await run(finch, ['vm', 'status'], { env: e })).stdout).toBe('Stopped\n');
    const again = await run(finch, ['vm', 'stop'], { env: e });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(FATAL_LINE);
    expect((await run(finch, ['vm', 'start'], { env: e })).status).toBe(0);
    expect((await run(finch, ['vm', 'status'], { env: e })).stdout).toBe('Running\n');
  });
});

describe('AWS stub', () => {
  const staticCreds = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'stack-test-secret' });

  function pointSdkAtStub(): void {
    vi.stubEnv('AWS_ENDPOINT_URL_ECR', awsEndpoint);
    vi.stubEnv('AWS_ENDPOINT_URL_ECR_PUBLIC', awsEndpoint);
    vi.stubEnv('AWS_ENDPOINT_URL_STS', awsEndpoint);
  }

  it('serves GetAuthorizationToken to the real SDK, and the token logs in to the registry', async () => {
    pointSdkAtStub();
    await fetch(`${awsEndpoint}/__reset`, { method: 'POST' });
    const ecr = new ECRClient({ region: 'eu-west-1', credentials: staticCreds('AKIDTEST111122223333') });
    const out = await ecr.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    expect(data?.proxyEndpoint).toBe('https://111122223333.dkr.ecr.eu-west-1.amazonaws.com');
    const hoursLeft = ((data?.expiresAt?.getTime() ?? 0) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(hoursLeft).toBeLessThanOrEqual(12);
    const [username, secret] = decodeToken(data?.authorizationToken);
    expect(username).toBe('AWS');
    expect(secret).toBe(tokenPassword);

    const stats = await stubStats();
    expect(stats.counts['ecr:GetAuthorizationToken']).toBe(1);
    expect(stats.requests.at(-1)).toMatchObject({ accessKeyId: 'AKIDTEST111122223333', region: 'eu-west-1', status: 200 });

    const home = await keyringHome();
    const login = await finchLogin(home, ecrRegistry, username, secret);
    expect(login.status).toBe(0);
    expect(login.stdout).toContain('Login Succeeded');
    const got = await helperRun('get', ecrRegistry);
    expect(JSON.parse(got.stdout)).toMatchObject({ Username: 'AWS', Secret: tokenPassword });
  });

  it('serves ECR Public, AssumeRole account mapping and injected errors', async () => {
    pointSdkAtStub();
    const pub = new ECRPUBLICClient({ region: 'us-east-1', credentials: staticCreds('AKIDTEST111122223333') });
    const pubOut = await pub.send(new GetPublicAuthorizationTokenCommand({}));
    expect(decodeToken(pubOut.authorizationData?.authorizationToken)).toEqual(['AWS', tokenPassword]);

    const sts = new STSClient({ region: 'us-east-1', credentials: staticCreds('AKIDTEST111122223333') });
    const role = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/ecr-reader', RoleSessionName: 'stack-test' }));
    const c = role.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
    const asRole = new ECRClient({
      region: 'us-west-2',
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
    });
    const roleOut = await asRole.send(new GetAuthorizationTokenCommand({}));
    expect(roleOut.authorizationData?.[0]?.proxyEndpoint).toBe('https://444455556666.dkr.ecr.us-west-2.amazonaws.com');

    const denied = new ECRClient({ region: 'eu-west-1', credentials: staticCreds('AKIDDENIED111122223333'), maxAttempts: 1 });
    await expect(denied.send(new GetAuthorizationTokenCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: ecr:GetAuthorizationToken'),
    });
    const expired = new ECRClient({ region: 'eu-west-1', credentials: staticCreds('AKIDEXPIRED111122223333'), maxAttempts: 1 });
    await expect(expired.send(new GetAuthorizationTokenCommand({}))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
  });

  it('answers `aws ecr get-login-password` from the AWS CLI', async () => {
    // Debian's awscli 2.9 at /usr/bin/aws; PATH may hold another `aws` first (e.g. a pyenv awscli v1).
    const aws = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
    const home = await tempHome();
    const res = await run(aws, ['ecr', 'get-login-password', '--region', 'us-east-2', '--endpoint-url', awsEndpoint], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AWS_ACCESS_KEY_ID: 'AKIDTEST555566667777',
        AWS_SECRET_ACCESS_KEY: 'stack-test-secret',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe(tokenPassword);
  });
});
