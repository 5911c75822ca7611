#!/usr/bin/env node
// finch.yaml under many finch commands at once, outside any test runner. Every finch command rewrites finch.yaml in
// place when it starts (Finch's config.Load: O_TRUNC, then the bytes; the Go stand-in does the same,
// e2e/stack/finch/finch_yaml.go), so a finch that reads it in that moment finds it empty and writes Finch's defaults
// over the user's settings. The app runs one finch command at a time per finch.yaml (main/core/finch/finch-lock.ts).
//
// Each round: finch.yaml holds the user's `cpus: 4` and `memory: 4GiB`; `--processes` separate Node processes (the
// app's real executor, main/core/finch/finch.ts, bundled with esbuild), all released at the same moment, each run
// two streams of `--calls` finch commands (`vm status`, `--version`) against the stand-in — as the window's status
// refresh, a login batch and a `finch-logins` command beside it would. After the round finch.yaml must still hold
// the user's values, every command must have answered, and no entry may be left in the lock folder. Every second
// round starts with what a crashed run leaves: a dead process's ticket (the lowest) and "choosing" marker in the lock
// folder, which must be passed over at once.
//
//   node test/stress/finch-yaml.mjs [--rounds 30] [--processes 6] [--calls 4]
// Uses $FL_FINCH when set (inside e2e/stack/with-stack.sh), else builds the stand-in (Go, no network).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, bundle, deadPid, report, root, start, workDir } from './lib.mjs';

const opt = args({ rounds: 30, processes: 6, calls: 4 });
const work = workDir('finch-yaml');
const failures = [];
const lines = [];

let standIn = process.env.FL_FINCH;
if (!standIn) {
  standIn = path.join(work, 'finch');
  execFileSync('go', ['build', '-o', standIn, '.'], {
    cwd: path.join(root, 'e2e/stack/finch'),
    env: { ...process.env, GOPROXY: 'off', GOCACHE: process.env.GOCACHE ?? path.join(process.env.TMPDIR ?? '/tmp', 'finch-logins-go-cache') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const caller = await bundle(
  work,
  'caller',
  `import { currentEnv } from './main/core/env';
   import { finch } from './main/core/finch/finch';
   import { finchInvocation } from './main/core/login/finch-invocation';
   import { resolvePaths } from './main/core/paths';
   const [at, calls] = process.argv.slice(2).map(Number);
   const env = currentEnv(process.env);
   const inv = finchInvocation(env, resolvePaths(env));
   const answers = [];
   const stream = async (first) => {
     for (let i = 0; i < calls; i++) {
       const args = (i + first) % 2 ? ['--version'] : ['vm', 'status'];
       const r = await finch(inv, args, { timeoutMs: 20_000 });
       answers.push(r.stdout.trim());
     }
   };
   // Released together: every process starts its finch commands at the same moment.
   await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
   await Promise.all([stream(0), stream(1)]);
   process.stdout.write(JSON.stringify(answers) + '\\n');`,
);

// The user's settings, in the form Finch writes them back (so Finch's rewrite of an intact file changes no byte).
const userYaml = 'cpus: 4\nmemory: 4GiB\nrosetta: false\nbootdisk: 100GiB\ndatadisk: 50GiB\nvmType: vz\ncreds_helpers:\n    - osxkeychain\n';
const home = path.join(work, 'home');
mkdirSync(path.join(home, '.finch'), { recursive: true });
const yamlFile = path.join(home, '.finch/finch.yaml');
const stateDir = path.join(work, 'state');
const env = {
  PATH: process.env.PATH,
  HOME: home,
  FINCH_LOGINS_PLATFORM: 'darwin',
  FINCH_LOGINS_STATE_DIR: stateDir,
  FINCH_LOGINS_FINCH: standIn,
  FL_FINCH_VM_STATE: path.join(work, 'vm-state'),
};
writeFileSync(env.FL_FINCH_VM_STATE, 'Running\n');

const settings = (text) => ({ cpus: /^cpus: (.*)$/m.exec(text)?.[1] ?? '(none)', memory: /^memory: (.*)$/m.exec(text)?.[1] ?? '(none)' });
let lost = 0;
const locks = path.join(stateDir, 'locks');
const lockDir = () => readdirSync(locks).filter((d) => d.startsWith('finch-yaml-')).map((d) => path.join(locks, d))[0];
for (let round = 1; round <= opt.rounds; round++) {
  writeFileSync(yamlFile, userYaml, { mode: 0o600 });
  const crashed = round % 2 === 0;
  if (crashed) {
    // Left by processes killed while holding the lock and while taking a ticket (the folder exists after round 1).
    writeFileSync(path.join(lockDir(), `t-000000000000-${await deadPid()}-deadbeef`), '');
    writeFileSync(path.join(lockDir(), `c-${await deadPid()}-deadbeef`), '');
  }
  const at = Date.now() + 400;
  const runs = Array.from({ length: opt.processes }, () => start(caller, [String(at), String(opt.calls)], { env }));
  const results = await Promise.all(runs.map((r) => r.exited));
  const tag = `round ${round}`;
  for (const [p, res] of results.entries()) {
    let answers = [];
    try {
      answers = JSON.parse(res.out);
    } catch {
      failures.push(`${tag}: process ${p} exited ${res.code}: ${res.err.trim().split('\n').filter((l) => /Error|Failure|failed/.test(l)).join(' | ') || res.err.trim()}`);
      continue;
    }
    const wrong = answers.filter((a) => a !== 'Running' && !/^finch version v/.test(a));
    if (answers.length !== 2 * opt.calls || wrong.length) failures.push(`${tag}: process ${p} got ${answers.length} answers, unexpected: ${JSON.stringify(wrong)}`);
  }
  const now = settings(readFileSync(yamlFile, 'utf8'));
  const kept = now.cpus === '4' && now.memory === '4GiB';
  if (!kept) {
    lost++;
    failures.push(`${tag}: finch.yaml lost the user's settings: cpus ${now.cpus}, memory ${now.memory} (was cpus 4, memory 4GiB)`);
  }
  const left = existsSync(locks) ? readdirSync(locks).flatMap((d) => readdirSync(path.join(locks, d))) : [];
  if (left.length) failures.push(`${tag}: left in the lock folder: ${left.join(', ')}`);
  lines.push(`${tag}${crashed ? ' (a crashed run\'s lock entries left)' : ''}: ${opt.processes} processes × ${2 * opt.calls} finch commands, finch.yaml ${kept ? 'kept' : 'LOST'} cpus 4 / memory 4GiB`);
}
report(
  failures,
  `${lines.join('\n')}\nfinch.yaml: ${opt.rounds} rounds × ${opt.processes} processes × ${2 * opt.calls} finch commands: ${
    lost ? `settings lost in ${lost} of ${opt.rounds} rounds` : failures.length ? `${failures.length} failures` : "the user's settings kept every round"
  }`,
);
