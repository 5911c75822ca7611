// Benchmark: log in to 10 ECR registries across 5 accounts with `finch-logins login --all`, against the recipe from
// Finch's documentation run once per registry (`aws ecr get-login-password … | finch login …`), both against the
// same AWS stub, finch stand-in and registry. Runs inside the test stack (bench/run.mjs starts it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env0 = process.env;
if (env0.FL_STACK !== '1') throw new Error('run inside e2e/stack/with-stack.sh (npm run bench does)');
const cli = path.resolve('out/cli/finch-logins.js');
const awsCli = '/usr/bin/aws';
const accounts = ['100000000001', '100000000002', '100000000003', '100000000004', '100000000005'];
const regions = ['eu-west-1', 'us-east-1'];
const hosts = accounts.flatMap((a) => regions.map((r) => ({ account: a, region: r, host: `${a}.dkr.ecr.${r}.amazonaws.com` })));

function home() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-bench-'));
  const h = path.join(dir, 'home');
  mkdirSync(path.join(h, '.finch'), { recursive: true });
  mkdirSync(path.join(h, '.aws'), { recursive: true });
  writeFileSync(path.join(h, '.finch/config.json'), JSON.stringify({ credsStore: 'secretservice', auths: Object.fromEntries(hosts.map((x) => [x.host, {}])) }));
  writeFileSync(path.join(h, '.aws/config'), accounts.map((a) => `[profile ${a}]\nregion = eu-west-1\n`).join('\n'));
  writeFileSync(path.join(h, '.aws/credentials'), accounts.map((a) => `[${a}]\naws_access_key_id = AKIDTEST${a}\naws_secret_access_key = bench-secret\n`).join('\n'));
  return {
    ...env0,
    HOME: h,
    FINCH_LOGINS_PLATFORM: 'darwin',
    FINCH_LOGINS_STATE_DIR: path.join(dir, 'state'),
    FINCH_LOGINS_FINCH: env0.FL_FINCH,
    FL_FINCH_REGISTRY_MAP: JSON.stringify({ '*.amazonaws.com': env0.FL_ECR_REGISTRY }),
    AWS_CONFIG_FILE: path.join(h, '.aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(h, '.aws/credentials'),
    AWS_ENDPOINT_URL_ECR: env0.FL_AWS_ENDPOINT,
    AWS_ENDPOINT_URL_STS: env0.FL_AWS_ENDPOINT,
    AWS_PAGER: '',
  };
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

// One home for all of our runs, as for a user who logs in every 12 hours: the app's state (finch's version, profile
// accounts) is what it would be on any run but the very first, which is made once before timing.
const oursEnv = home();
function ours() {
  const env = oursEnv;
  return time(() => {
    const r = spawnSync(process.execPath, [cli, 'login', '--all', '--relogin', '--json'], { env, encoding: 'utf8' });
    const results = JSON.parse(r.stdout).results;
    if (r.status !== 0 || results.length !== 10 || results.some((x) => x.result !== 'logged-in')) throw new Error(`login --all failed: ${r.stdout}${r.stderr}`);
  });
}

// The documented recipe, verbatim apart from the stub's endpoint: one shell pipeline per registry, so finch starts
// while aws runs, as in a terminal. Values reach the shell as variables, never spliced into the script.
const pipeline = 'set -o pipefail; "$AWS" ecr get-login-password --region "$R" --profile "$P" --endpoint-url "$E" | "$FINCH" login --username AWS --password-stdin "$H"';
function recipe() {
  const env = home();
  return time(() => {
    for (const { account, region, host } of hosts) {
      const vars = { AWS: awsCli, FINCH: env0.FL_FINCH, R: region, P: account, E: env0.FL_AWS_ENDPOINT, H: host };
      const r = spawnSync('/bin/bash', ['-c', pipeline], { env: { ...env, ...vars }, encoding: 'utf8' });
      if (r.status !== 0 || !r.stdout.includes('Login Succeeded')) throw new Error(`recipe login failed for ${host}: ${r.stderr}`);
    }
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = 5;
ours(); // the first run ever: warms the app's state
// Interleaved, so a change in the machine's load affects both sides alike.
const timings = Array.from({ length: runs }, () => [ours(), recipe()]);
const a = median(timings.map(([x]) => x));
const b = median(timings.map(([, y]) => y));
const ratio = a / b;
console.log(`login 10 ECR registries across 5 accounts: finch-logins login --all ${a.toFixed(0)} ms; documented recipe ${b.toFixed(0)} ms; ratio ${ratio.toFixed(3)} (target ≤ 0.10) — median of ${runs}`);
if (ratio > 0.1) process.exitCode = 1;
