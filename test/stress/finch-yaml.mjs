#!/usr/bin/env node
// finch.yaml under many finch commands at once, outside any test runner. Every finch command rewrites finch.yaml in
// place when it starts (Finch's config.Load: O_TRUNC, then the bytes; the Go stand-in does the same,
// e2e/stack/finch/finch_yaml.go), so a finch that reads it in that moment finds it empty and writes Finch's defaults
// over the user's settings. The app runs one finch command at a time per finch.yaml (main/core/finch/finch-lock.ts).
//
// Each round: finch.yaml holds the user's `cpus: 4` and `memory: 4GiB`; `--processes` separate Node processes (the
// app's real executor, main/core/finch/finch.ts, bundled with esbuild), all released at the same moment, each run
// three streams of `--calls` finch commands against the stand-in — `vm status`, `--version`, and a command that goes
// on working after its start (`vm stop --force`, 60 ms), during which the lock has been given back and the next
// commands start — as the window's status refresh, a login batch and a `finch-logins` command beside it would. After the round finch.yaml must still hold
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
   const [at, calls, vmFile] = process.argv.slice(2);
   const env = currentEnv(process.env);
   const inv = finchInvocation(env, resolvePaths(env));
   // A long command (like a login waiting for its registry, or vm start): it rewrites finch.yaml when it starts, then
   // works for FL_FINCH_VM_DELAY_MS while the others start. Its own VM state file per stream, so that vm status stays
   // Running and two stops never share one.
   const long = (n) => ({ ...inv, env: { ...inv.env, FL_FINCH_VM_STATE: vmFile + '-' + n } });
   const commands = (n) => [
     [inv, ['vm', 'status'], 'Running'],
     [inv, ['--version'], 'finch version v1.18.0'],
     [long(n), ['vm', 'stop', '--force'], ''],
   ];
   const wrong = [];
   let answered = 0;
   const stream = async (first) => {
     for (let i = 0; i < Number(calls); i++) {
       const [which, args, expected] = commands(first)[(i + first) % 3];
       const r = await finch(which, args, { timeoutMs: 20_000 });
       answered++;
       if (r.stdout.trim() !== expected) wrong.push(args.join(' ') + ' → ' + JSON.stringify(r.stdout.trim()));
     }
   };
   // Released together: every process starts its finch commands at the same moment.
   await new Promise((r) => setTimeout(r, Math.max(0, Number(at) - Date.now())));
   await Promise.all([stream(0), stream(1), stream(2)]);
   process.stdout.write(JSON.stringify({ answered, wrong }) + '\\n');`,
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
  FL_FINCH_VM_DELAY_MS: '60',
};
writeFileSync(env.FL_FINCH_VM_STATE, 'Running\n');

const settings = (text) => ({ cpus: /^cpus: (.*)$/m.exec(text)?.[1] ?? '(none)', memory: /^memory: (.*)$/m.exec(text)?.[1] ?? '(none)' });
let lost = 0;
const locks = path.join(stateDir, 'locks');
const lockDir = () => (existsSync(locks) ? readdirSync(locks) : []).filter((d) => d.startsWith('finch-yaml-')).map((d) => path.join(locks, d))[0];
for (let round = 1; round <= opt.rounds; round++) {
  writeFileSync(yamlFile, userYaml, { mode: 0o600 });
  const crashed = round % 2 === 0 && !!lockDir();
  if (crashed) {
    // Left by processes killed while holding the lock and while taking a ticket (the folder exists after round 1).
    writeFileSync(path.join(lockDir(), `t-000000000000-${await deadPid()}-deadbeef`), '');
    writeFileSync(path.join(lockDir(), `c-${await deadPid()}-deadbeef`), '');
  }
  const at = Date.now() + 400;
  const runs = Array.from({ length: opt.processes }, (_, p) => start(caller, [String(at), String(opt.calls), path.join(work, `vm-state-${p}`)], { env }));
  const results = await Promise.all(runs.map((r) => r.exited));
  const tag = `round ${round}`;
  for (const [p, res] of results.entries()) {
    let answer;
    try {
      answer = JSON.parse(res.out);
    } catch {
      failures.push(`${tag}: process ${p} exited ${res.code}: ${res.err.trim().split('\n').filter((l) => /Error|Failure|failed/.test(l)).join(' | ') || res.err.trim()}`);
      continue;
    }
    if (answer.answered !== 3 * opt.calls || answer.wrong.length) failures.push(`${tag}: process ${p} got ${answer.answered} answers, unexpected: ${answer.wrong.join('; ')}`);
  }
  const now = settings(readFileSync(yamlFile, 'utf8'));
  const kept = now.cpus === '4' && now.memory === '4GiB';
  if (!kept) {
    lost++;
    failures.push(`${tag}: finch.yaml lost the user's settings: cpus ${now.cpus}, memory ${now.memory} (was cpus 4, memory 4GiB)`);
  }
  const left = existsSync(locks) ? readdirSync(locks).flatMap((d) => readdirSync(path.join(locks, d))) : [];
  if (left.length) failures.push(`${tag}: left in the lock folder: ${left.join(', ')}`);
  lines.push(`${tag}${crashed ? ' (a crashed run\'s lock entries left)' : ''}: ${opt.processes} processes × ${3 * opt.calls} finch commands, finch.yaml ${kept ? 'kept' : 'LOST'} cpus 4 / memory 4GiB`);
}
report(
  failures,
  `${lines.join('\n')}\nfinch.yaml: ${opt.rounds} rounds × ${opt.processes} processes × ${3 * opt.calls} finch commands: ${
    lost ? `settings lost in ${lost} of ${opt.rounds} rounds` : failures.length ? `${failures.length} failures` : "the user's settings kept every round"
  }`,
);
