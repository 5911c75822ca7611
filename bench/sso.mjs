// Benchmark: IAM Identity Center from a signed-in session to ten logged-in ECR registries, with the built CLI against
// the AWS stub (300 accounts, e2e/stack/sso-stub.mjs), the finch stand-in and the registry: discover every account
// and its roles (`sso accounts --refresh`: 3 ListAccounts pages, 300 ListAccountRoles), add one registry in each of
// ten accounts (`sso add`), and log in to the ten (`login`: one GetRoleCredentials per account + role, ten tokens,
// ten `finch login`s). The sign-in happens once before timing: it waits for a person in a browser.
// Runs inside the test stack (bench/run.mjs starts it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env0 = process.env;
if (env0.FL_STACK !== '1') throw new Error('run inside e2e/stack/with-stack.sh (npm run bench does)');
const cli = path.resolve('out/cli/finch-logins.js');
const accounts = Array.from({ length: 10 }, (_, i) => String(100000000000 + 20 + i * 17));
const region = 'eu-west-1';
const hosts = accounts.map((a) => `${a}.dkr.ecr.${region}.amazonaws.com`);
const targetMs = 3000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-bench-sso-'));
const home = path.join(dir, 'home');
mkdirSync(path.join(home, '.finch'), { recursive: true });
mkdirSync(path.join(home, '.aws'), { recursive: true });
writeFileSync(path.join(home, '.finch/config.json'), JSON.stringify({ credsStore: 'secretservice' }));
writeFileSync(path.join(home, '.aws/config'), '[sso-session bench]\nsso_start_url = https://bench.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n');
const env = {
  ...env0,
  HOME: home,
  FINCH_LOGINS_PLATFORM: 'darwin',
  FINCH_LOGINS_STATE_DIR: path.join(dir, 'state'),
  FINCH_LOGINS_FINCH: env0.FL_FINCH,
  FL_FINCH_REGISTRY_MAP: JSON.stringify({ '*.amazonaws.com': env0.FL_ECR_REGISTRY }),
  AWS_CONFIG_FILE: path.join(home, '.aws/config'),
  AWS_ENDPOINT_URL_ECR: env0.FL_AWS_ENDPOINT,
  AWS_ENDPOINT_URL_SSO: env0.FL_AWS_ENDPOINT,
  AWS_ENDPOINT_URL_SSO_OIDC: env0.FL_AWS_ENDPOINT,
};

/** The sign-in, with the stub's approval page standing in for the person at the browser. */
async function signIn() {
  const child = spawn(process.execPath, [cli, 'sso', 'login', '--session', 'bench'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let approved = false;
  child.stdout.setEncoding('utf8').on('data', (c) => {
    out += c;
    const m = /\n\s+([A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(out);
    if (m && !approved) {
      approved = true;
      void fetch(`${env0.FL_AWS_ENDPOINT}/device/approve`, { method: 'POST', body: `user_code=${m[1]}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`sso login failed: ${out}`);
}

function run(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`finch-logins ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function once() {
  const discover = run(['sso', 'accounts', '--refresh', '--json']);
  const found = JSON.parse(discover.stdout).accounts.length;
  if (found !== 300) throw new Error(`discovered ${found} accounts, not 300`);
  const add = run(['sso', 'add', ...accounts.map((a) => `${a}:ECRReadOnly`), '--regions', region, '--json']);
  const login = run(['login', ...hosts, '--json']);
  const results = JSON.parse(login.stdout).results;
  if (results.length !== 10 || results.some((x) => x.result !== 'logged-in')) throw new Error(`login failed: ${login.stdout}`);
  return [discover.ms, add.ms, login.ms];
}

await signIn();
once(); // warms the app's state (finch's version), as on any run but a user's very first
const runs = 5;
const timings = Array.from({ length: runs }, once);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [discover, add, login] = [0, 1, 2].map((i) => median(timings.map((t) => t[i])));
const total = median(timings.map((t) => t[0] + t[1] + t[2]));
console.log(
  `IAM Identity Center: discover 300 accounts ${discover.toFixed(0)} ms; add 10 registries ${add.toFixed(0)} ms; log in to 10 with role credentials ${login.toFixed(0)} ms; ` +
    `start to finish ${total.toFixed(0)} ms (target ≤ ${targetMs} ms) — median of ${runs}`,
);
if (total > targetMs) process.exitCode = 1;
