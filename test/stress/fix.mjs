#!/usr/bin/env node
// Fix transactions under fire, outside any test runner: separate processes, many rounds.
//
//   race  — a fix (the real commitEdits, in its own process) changes credsStore in config.json while a second
//           process, standing in for `finch login`, replaces config.json (temp file + rename, as docker's writer
//           does) with a new login added. The login's write is released the moment the fix's backup folder appears,
//           i.e. while the fix backs up and fsyncs, and at random moments otherwise. A fix that reports success must
//           never have written over that login: either the login is in the file, or the fix refused.
//   crash — a two-file fix (finch.yaml and config.json, the real commitEdits) is killed with SIGKILL at random
//           moments; then "the next start" (recoverInterruptedFixes, in a new process) runs. Both files must be the
//           same version, no manifest pending, and no temp file left beside them.
//
//   node test/stress/fix.mjs [--rounds 60] [--kills 40]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, bundle, report, start, workDir } from './lib.mjs';

const opt = args({ rounds: 60, kills: 40 });
const work = workDir('fix');
const failures = [];
const lines = [];

const fixer = await bundle(
  work,
  'fixer',
  `import { configEdit, loadConfigForEdit } from './main/core/fixes/config-json-edit';
   import { osascriptElevator } from './main/core/fixes/file-writer';
   import { commitEdits } from './main/core/fixes/transaction';
   const [file, stateDir] = process.argv.slice(2);
   const cfg = await loadConfigForEdit(file);
   const edit = configEdit(cfg, (d) => void (d.credsStore = 'osxkeychain'));
   process.stdout.write('ready\\n');
   await new Promise((r) => process.stdin.once('data', r));
   try {
     await commitEdits([edit], { fixId: 'race', stateDir, now: new Date(), elevator: osascriptElevator });
     process.stdout.write('applied\\n');
   } catch (e) {
     process.stdout.write((e.kind ?? 'error') + ': ' + e.message + '\\n');
   }
   process.exit(0);`,
);
const login = await bundle(
  work,
  'login',
  `import { readdirSync, renameSync, writeFileSync } from 'node:fs';
   const [file, text, backups, mode] = process.argv.slice(2);
   process.stdout.write('ready\\n');
   process.stdin.once('data', () => {
     // "timed": spin until the fix's backup folder appears, then write at once — while the fix backs up.
     if (mode === 'timed') while (readdirSync(backups).length === 0);
     else for (const until = Date.now() + Math.random() * 15; Date.now() < until; );
     const tmp = file + '.login-' + process.pid;
     writeFileSync(tmp, text, { mode: 0o600 });
     renameSync(tmp, file);
     process.stdout.write('written\\n');
     process.exit(0);
   });`,
);

const waitFor = async (proc, word) => {
  while (!proc.output().includes(word)) {
    if (proc.child.exitCode !== null) throw new Error(`child exited before "${word}": ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
};

async function raceRound(r) {
  const dir = path.join(work, `race-${r}`);
  const stateDir = path.join(dir, 'state');
  mkdirSync(path.join(stateDir, 'backups'), { recursive: true });
  const file = path.join(dir, 'config.json');
  // A config.json of a few hundred logins: its backup takes a moment, as a real one does on a busy disk.
  const base = { auths: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`r${i}.example.com`, { auth: 'dXNlcjpwYXNzd29yZA==' }])), credsStore: 'pass' };
  writeFileSync(file, JSON.stringify(base, null, '\t') + '\n', { mode: 0o600 });
  const withLogin = JSON.stringify({ ...base, auths: { ...base.auths, [`login-${r}.example.com`]: {} } }, null, '\t') + '\n';
  // Half the rounds: the login lands while the fix backs up; half at a random moment.
  const timed = r % 2 === 0;
  const fix = start(fixer, [file, stateDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const writer = start(login, [file, withLogin, path.join(stateDir, 'backups'), timed ? 'timed' : 'random'], { stdio: ['pipe', 'pipe', 'pipe'] });
  await Promise.all([waitFor(fix, 'ready'), waitFor(writer, 'ready')]);
  writer.child.stdin.write('go\n');
  fix.child.stdin.write('go\n');
  const [f, w] = await Promise.all([fix.exited, writer.exited]);
  if (!w.out.includes('written')) failures.push(`race ${r}: the login writer did not write: ${w.out}${w.err}`);
  const now = JSON.parse(readFileSync(file, 'utf8'));
  const loginKept = `login-${r}.example.com` in now.auths;
  const applied = /^applied$/m.test(f.out);
  if (applied && !loginKept) failures.push(`race ${r} (${timed ? 'timed to the backup' : 'random'}): the fix reported success and the login written meanwhile is gone`);
  if (!applied && !/changed-since-preview/.test(f.out)) failures.push(`race ${r}: the fix failed otherwise: ${f.out}${f.err}`);
  return applied ? (loginKept ? 'applied-after' : 'lost') : 'refused';
}

const crasher = await bundle(
  work,
  'crasher',
  `import { readState } from './main/core/fixes/current-file';
   import { osascriptElevator } from './main/core/fixes/file-writer';
   import { commitEdits } from './main/core/fixes/transaction';
   const [yamlFile, jsonFile, stateDir] = process.argv.slice(2);
   const body = (tag, json) => json ? JSON.stringify({ version: tag, auths: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => ['r' + i + '.example.com', { note: tag }])) }, null, '\\t') + '\\n' : 'version: ' + tag + '\\n' + 'x'.repeat(200000) + '\\n';
   for (let i = 0; ; i++) {
     const tag = i % 2 ? 'A' : 'B';
     const edits = [];
     for (const [file, json] of [[yamlFile, false], [jsonFile, true]]) {
       edits.push({ file, current: await readState(file), after: Buffer.from(body(tag, json)), mode: 0o644, dirMode: 0o755, kind: json ? 'json' : 'yaml', via: 'direct' });
     }
     await commitEdits(edits, { fixId: 'two-files', stateDir, now: new Date(), elevator: osascriptElevator });
     if (i === 0) process.stdout.write('ready\\n');
   }`,
);
const nextStart = await bundle(
  work,
  'next-start',
  `import { osascriptElevator } from './main/core/fixes/file-writer';
   import { recoverInterruptedFixes } from './main/core/fixes/recovery';
   const [stateDir] = process.argv.slice(2);
   process.stdout.write(JSON.stringify(await recoverInterruptedFixes(stateDir, osascriptElevator)));`,
);

async function crashRound(k, dir, files, stateDir) {
  const c = start(crasher, [...files, stateDir]);
  await waitFor(c, 'ready');
  await new Promise((r) => setTimeout(r, Math.random() * 40));
  c.child.kill('SIGKILL');
  await c.exited;
  const versions = () => files.map((f) => /version"?: "?(\w)/.exec(readFileSync(f, 'utf8'))?.[1]);
  const torn = new Set(versions()).size > 1;
  const recovery = start(nextStart, [stateDir]);
  const res = await recovery.exited;
  if (res.code !== 0) failures.push(`crash ${k}: recovery failed: ${res.err}`);
  const after = versions();
  if (new Set(after).size !== 1) failures.push(`crash ${k}: after the next start finch.yaml is ${after[0]} and config.json is ${after[1]}`);
  const temps = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  if (temps.length) failures.push(`crash ${k}: temp files left: ${temps.join(', ')}`);
  for (const b of readdirSync(path.join(stateDir, 'backups'))) {
    try {
      const m = JSON.parse(readFileSync(path.join(stateDir, 'backups', b, 'manifest.json'), 'utf8'));
      if (m.state === 'pending') failures.push(`crash ${k}: a manifest is still pending after the next start (${b})`);
    } catch {
      // a backup killed before its manifest: not a fix, ignored by everything
    }
  }
  return torn;
}

const race = { 'applied-after': 0, lost: 0, refused: 0 };
for (let r = 0; r < opt.rounds; r++) race[await raceRound(r)]++;
lines.push(`race: ${opt.rounds} rounds — fix refused ${race.refused}, fix applied before the login ${race['applied-after']}, login lost ${race.lost}`);

const dir = path.join(work, 'crash');
mkdirSync(dir);
const files = [path.join(dir, 'finch.yaml'), path.join(dir, 'config.json')];
writeFileSync(files[0], 'version: A\n');
writeFileSync(files[1], '{"version": "A"}\n');
let torn = 0;
for (let k = 0; k < opt.kills; k++) if (await crashRound(k, dir, files, path.join(dir, 'state'))) torn++;
lines.push(`crash: ${opt.kills} kills, ${torn} left the two files at different versions before the next start`);
if (torn === 0) failures.push('crash: no kill landed between the two files; the test proved nothing (run more --kills)');

report(failures, `${lines.join('\n')}\nfix transactions: ${failures.length ? `${failures.length} failures` : 'no login lost, every interrupted fix rolled back'}`);
