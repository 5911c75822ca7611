#!/usr/bin/env node
// `finch-logins login --all` of 10 registries stored in plaintext (no credsStore: Linux's usual setup), where every
// login rewrites config.json with no lock — once with the finch stand-in (docker CLI checking the password, docker's
// configfile writer reproduced in Go), once with the docker CLI 28 itself standing in for finch, so that config.json
// is written by docker's own code (--finch stand-in|docker|both). Each round resets config.json (10 logged-out registries, a plaintext login of another host, a credHelpers
// entry and a key docker does not know), runs `login --all` with the built CLI as its own process, and checks what
// a user would: every registry reported logged in is in config.json with exactly its credentials, and no other key
// was lost. Unsafe parallel logins keep 1–3 of 10 here.
//
// The 10 registries are 10 ports on 127.0.0.1, each forwarded to the stack's registry (docker treats host:port as
// a registry of its own). Needs the stack and a build:
//   npm run build && bash e2e/stack/with-stack.sh node test/stress/login-all.mjs [--rounds 10] [--finch both]
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { args, report, root, workDir } from './lib.mjs';

const opt = args({ rounds: 10, registries: 10, finch: 'both' });
if (process.env.FL_STACK !== '1') {
  console.error('run inside e2e/stack/with-stack.sh');
  process.exit(2);
}
const cli = path.join(root, 'out/cli/finch-logins.js');
const [regHost, regPort] = process.env.FL_REGISTRY.split(':');
const user = process.env.FL_REGISTRY_USER;
const password = process.env.FL_REGISTRY_PASSWORD;

// 10 registries: forwarders on 127.0.0.1 to the one real registry.
const servers = await Promise.all(
  Array.from(
    { length: opt.registries },
    () =>
      new Promise((resolve) => {
        const server = net.createServer((c) => {
          const up = net.connect(Number(regPort), regHost);
          c.pipe(up).pipe(c);
          const end = () => (c.destroy(), up.destroy());
          c.on('error', end);
          up.on('error', end);
        });
        server.listen(0, '127.0.0.1', () => resolve(server));
      }),
  ),
);
const hosts = servers.map((s) => `127.0.0.1:${s.address().port}`);

const work = workDir('login-all');
const home = path.join(work, 'home');
mkdirSync(path.join(home, '.finch'), { recursive: true });
const configFile = path.join(home, '.finch/config.json');
// "docker": a finch that is the docker CLI itself (28.x), so config.json is written by docker's own configfile code.
const dockerFinch = path.join(work, 'docker-as-finch');
writeFileSync(
  dockerFinch,
  `#!/bin/sh
case "$1" in
  --version) echo "finch version v1.19.0" ;;
  login|logout) cmd=$1; shift; exec docker --config "\${DOCKER_CONFIG:-$HOME/.finch}" "$cmd" "$@" ;;
  *) echo "unsupported: $*" >&2; exit 1 ;;
esac
`,
);
chmodSync(dockerFinch, 0o755);
const env = {
  PATH: process.env.PATH,
  HOME: home,
  FINCH_LOGINS_PLATFORM: 'darwin',
  FINCH_LOGINS_STATE_DIR: path.join(work, 'state'),
  FINCH_LOGINS_FINCH: process.env.FL_FINCH,
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
};
const finches = { 'finch stand-in': process.env.FL_FINCH, 'docker CLI': dockerFinch };
const use = opt.finch === 'both' ? Object.keys(finches) : [opt.finch === 'docker' ? 'docker CLI' : 'finch stand-in'];
// Asynchronous: this process forwards the registries' traffic meanwhile.
function cliRun(argv, input = '') {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

const other = { 'elsewhere.example.com': { auth: Buffer.from('someone:kept-secret').toString('base64') } };
const fresh = () => ({
  auths: { ...Object.fromEntries(hosts.map((h) => [h, {}])), ...other },
  credHelpers: { 'helper.example.com': 'ecr-login' },
  'x-not-dockers-key': { kept: true },
});

const failures = [];
const lines = [];
try {
  // Once: log in to each with --remember, so that `login --all` can log in again with no typing.
  writeFileSync(configFile, JSON.stringify(fresh(), null, '\t'));
  for (const h of hosts) {
    const r = await cliRun(['login', h, '--username', user, '--password-stdin', '--remember'], password);
    if (r.status !== 0) throw new Error(`setup login to ${h} failed: ${r.stdout}${r.stderr}`);
  }
  const expectedAuth = Buffer.from(`${user}:${password}`).toString('base64');
  // One round: reset config.json, run the logins (one `login --all`, or two CLI processes side by side as the window
  // and a terminal would), then check every reported login is stored and no other key was lost.
  const check = (round, what, results) => {
    const reported = results.filter((o) => hosts.includes(o.host) && o.result === 'logged-in').map((o) => o.host);
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    const stored = hosts.filter((h) => config.auths?.[h]?.auth === expectedAuth);
    lines.push(`round ${round}, ${what}: ${reported.length} of ${hosts.length} reported logged in, ${stored.length} stored`);
    const tag = `round ${round}, ${what}`;
    for (const h of reported) if (!stored.includes(h)) failures.push(`${tag}: ${h} reported logged in but not stored`);
    if (reported.length !== hosts.length) failures.push(`${tag}: ${hosts.length - reported.length} not reported logged in: ${JSON.stringify(results.filter((o) => o.result !== 'logged-in' && hosts.includes(o.host)))}`);
    if (config.auths?.['elsewhere.example.com']?.auth !== other['elsewhere.example.com'].auth) failures.push(`${tag}: another host's login was lost`);
    if (config.credHelpers?.['helper.example.com'] !== 'ecr-login') failures.push(`${tag}: credHelpers lost`);
    if (config['x-not-dockers-key']?.kept !== true) failures.push(`${tag}: a key docker does not know was lost`);
  };
  const parse = (round, r) => {
    try {
      return JSON.parse(r.stdout).results;
    } catch {
      failures.push(`round ${round}: no JSON from the CLI: ${r.stdout}${r.stderr}`);
      return [];
    }
  };
  for (let round = 1; round <= opt.rounds; round++) {
    for (const name of use) {
      env.FINCH_LOGINS_FINCH = finches[name];
      writeFileSync(configFile, JSON.stringify(fresh(), null, '\t'));
      check(round, `${name}, login --all`, parse(round, await cliRun(['login', '--all', '--json'])));
      writeFileSync(configFile, JSON.stringify(fresh(), null, '\t'));
      const half = Math.ceil(hosts.length / 2);
      const pair = await Promise.all([hosts.slice(0, half), hosts.slice(half)].map((part) => cliRun(['login', ...part, '--json'])));
      check(round, `${name}, two processes`, pair.flatMap((r) => parse(round, r)));
    }
  }
} finally {
  for (const h of hosts) await cliRun(['logout', h, '--forget']);
  for (const s of servers) s.close();
}
report(failures, `${lines.join('\n')}\nlogins into one plaintext config.json (${use.join(' and ')}): ${opt.rounds} rounds × ${hosts.length} registries: ${failures.length ? `${failures.length} failures` : 'every login stored, no key lost'}`);
process.exit(failures.length ? 1 : 0);
