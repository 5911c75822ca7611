// Benchmark: whole-process time of `finch-logins status --json` on a generated home with 50 registries and
// 30 profiles. Also proves the AWS SDK stays off the status path.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = path.resolve('out/cli/finch-logins.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-bench-'));
const home = path.join(dir, 'home');
mkdirSync(path.join(home, '.finch'), { recursive: true });
mkdirSync(path.join(home, '.aws'), { recursive: true });

const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const auths = {};
const credHelpers = {};
for (let i = 0; i < 40; i++) {
  const host = `${String(100000000000 + i * 7919).padStart(12, '0')}.dkr.ecr.${regions[i % 5]}.amazonaws.com`;
  auths[host] = {};
  if (i % 2) credHelpers[host] = 'ecr-login';
}
for (let i = 0; i < 10; i++) auths[`registry${i}.example.com`] = { auth: Buffer.from(`user${i}:pw${i}`).toString('base64') };
writeFileSync(path.join(home, '.finch/config.json'), JSON.stringify({ auths, credHelpers }, null, 2));
let config = '';
let credentials = '';
for (let i = 0; i < 30; i++) {
  config += `[profile p${i}]\nregion = ${regions[i % 5]}\n${i % 3 === 0 ? 'role_arn = arn:aws:iam::111122223333:role/r\nsource_profile = p1\n' : ''}\n`;
  if (i % 3) credentials += `[p${i}]\naws_access_key_id = AKID${i}\naws_secret_access_key = s${i}\n\n`;
}
writeFileSync(path.join(home, '.aws/config'), config);
writeFileSync(path.join(home, '.aws/credentials'), credentials);

const env = { ...process.env, HOME: home, FINCH_LOGINS_PLATFORM: 'darwin', FINCH_LOGINS_STATE_DIR: path.join(dir, 'state'), AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '' };
delete env.AWS_CONFIG_FILE;
delete env.AWS_SHARED_CREDENTIALS_FILE;

const parsed = JSON.parse(execFileSync(process.execPath, [cli, 'status', '--json'], { env, encoding: 'utf8' }));
if (parsed.registries.length !== 50 || parsed.profiles.length !== 30) {
  throw new Error(`generated home read wrongly: ${parsed.registries.length} registries, ${parsed.profiles.length} profiles`);
}
// The SDK must not be loaded: trace module loads of one run.
const trace = spawnSync(process.execPath, ['-e', `
  const Module = require('module'); const seen = new Set(); const orig = Module._load;
  Module._load = function (r, ...a) { seen.add(r); return orig.call(this, r, ...a); };
  process.argv = [process.argv[0], ${JSON.stringify(cli)}, 'status', '--json'];
  process.on('exit', () => { if ([...seen].some((m) => m.startsWith('@aws-sdk/'))) { process.stderr.write('AWS SDK loaded on the status path\\n'); process.exitCode = 3; } });
  require(${JSON.stringify(cli)});
`], { env, encoding: 'utf8' });
if (trace.status !== 0) throw new Error(trace.stderr || `status run failed (${trace.status})`);

const runs = 15;
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, 'status', '--json'], { env, stdio: 'ignore' });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`status --json, 50 registries + 30 profiles: median ${times[Math.floor(runs / 2)].toFixed(0)} ms over ${runs} runs (min ${times[0].toFixed(0)} ms); AWS SDK not loaded`);
