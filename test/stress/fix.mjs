#!/usr/bin/env node
// Fix transactions under fire, outside any test runner: separate processes, many rounds.
//
//   race  — a fix (the real commitEdits under the app's config lock, in its own process) changes credsStore in
//           config.json while a second process saves a login into it as docker/cli's writer does (temp file +
//           rename). A fix that reports success must never have written over that login: either the login is in the
//           file, or the fix refused. Four kinds of rounds:
//             ours    — an app login: it takes the config lock, as login-service does. Asserted: nothing lost.
//             backup  — another program's save, released the moment the fix's backup folder appears (while the fix
//                       backs up and fsyncs). Asserted: nothing lost (the re-check before the rename refuses).
//             random  — another program's save at a random moment in the first 15 ms. Counted.
//             rename  — another program's save aimed at the gap between the fix's last check and its rename.
//                       Counted: docker's writer takes no lock and rename cannot compare-and-swap, so a save that
//                       starts and ends inside that gap (a few system calls, or a preemption) is written over.
//                       The count says how wide the gap is on this machine; docs/concurrency.md says so too.
//   crash — a two-file fix (finch.yaml and config.json, the real commitEdits) is killed with SIGKILL at random
//           moments; then "the next start" (recoverInterruptedFixes, in a new process) runs. Both files must be the
//           same version, no manifest pending, and no temp file left beside them.
//
//   node test/stress/fix.mjs [--rounds 60] [--kills 40]
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
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
   import { withConfigLock } from './main/core/state/config-lock';
   const [file, stateDir] = process.argv.slice(2);
   const cfg = await loadConfigForEdit(file);
   const edit = configEdit(cfg, (d) => void (d.credsStore = 'osxkeychain'));
   process.stdout.write('ready\\n');
   await new Promise((r) => process.stdin.once('data', r));
   try {
     await withConfigLock({ configJson: file, stateDir }, () => commitEdits([edit], { fixId: 'race', stateDir, now: new Date(), elevator: osascriptElevator }));
     process.stdout.write('applied\\n');
   } catch (e) {
     process.stdout.write((e.kind ?? 'error') + ': ' + e.message + '\\n');
   }
   process.exit(0);`,
);
// A login's save, as docker/cli's configfile.Save does it (cli/config/configfile/file.go; copied by the finch
// stand-in, e2e/stack/finch/configfile.go): os.CreateTemp(dir, "config.json") — the name plus decimal digits, mode
// 0600 —, write, close, the old file's mode copied, rename over. No lock.
const login = await bundle(
  work,
  'login',
  `import { closeSync, openSync, readdirSync, readFileSync, renameSync, statSync, chmodSync, writeSync } from 'node:fs';
   import { withConfigLock } from './main/core/state/config-lock';
   const [file, host, stateDir, mode] = process.argv.slice(2);
   // docker's Load: another program's login read config.json before the fix ran.
   const loaded = readFileSync(file, 'utf8');
   const withLogin = (text) => { const c = JSON.parse(text); c.auths[host] = {}; return JSON.stringify(c, null, '\\t') + '\\n'; };
   const save = (text) => {
     let tmp, fd;
     for (;;) {
       tmp = file + String(Math.floor(Math.random() * 2 ** 32));
       try { fd = openSync(tmp, 'wx', 0o600); break; } catch (e) { if (e.code !== 'EEXIST') throw e; }
     }
     writeSync(fd, text);
     closeSync(fd);
     chmodSync(tmp, statSync(file).mode & 0o777);
     renameSync(tmp, file);
   };
   const spin = (ms) => { for (const until = performance.now() + ms; performance.now() < until; ); };
   process.stdout.write('ready\\n');
   process.stdin.once('data', async () => {
     if (mode === 'ours') {
       spin(Math.random() * 15);
       // An app login loads and saves under the lock, so it sees the fix's file or the fix sees its own.
       await withConfigLock({ configJson: file, stateDir }, async () => save(withLogin(readFileSync(file, 'utf8'))));
     } else {
       if (mode === 'backup') while (readdirSync(stateDir + '/backups').length === 0);
       else if (mode === 'rename') {
         // Until the fix's own temp file appears (its new bytes are being written and synced; the last check and the
         // rename follow) or config.json is replaced (the temp can come and go between two looks); then 0–3 ms.
         const dir = file.replace(/config\\.json$/, '');
         const ino = statSync(file).ino;
         while (!readdirSync(dir).some((n) => n.endsWith('.tmp')) && statSync(file).ino === ino);
         spin(Math.random() * 3);
       } else spin(Math.random() * 15);
       save(withLogin(loaded));
     }
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
  const mode = raceModes[r % raceModes.length];
  const fix = start(fixer, [file, stateDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const writer = start(login, [file, `login-${r}.example.com`, stateDir, mode], { stdio: ['pipe', 'pipe', 'pipe'] });
  await Promise.all([waitFor(fix, 'ready'), waitFor(writer, 'ready')]);
  writer.child.stdin.write('go\n');
  fix.child.stdin.write('go\n');
  const [f, w] = await Promise.all([fix.exited, writer.exited]);
  if (!w.out.includes('written')) failures.push(`race ${r}: the login writer did not write: ${w.out}${w.err}`);
  const now = JSON.parse(readFileSync(file, 'utf8'));
  const loginKept = `login-${r}.example.com` in now.auths;
  const applied = /^applied$/m.test(f.out);
  if (applied && !loginKept && asserted.has(mode)) failures.push(`race ${r} (${mode}): the fix reported success and the login written meanwhile is gone`);
  if (!applied && !/changed-since-preview/.test(f.out)) failures.push(`race ${r}: the fix failed otherwise: ${f.out}${f.err}`);
  race[mode][applied ? (loginKept ? 'applied-after' : 'lost') : 'refused']++;
}
const raceModes = ['ours', 'backup', 'random', 'rename'];
const asserted = new Set(['ours', 'backup']);
const race = Object.fromEntries(raceModes.map((m) => [m, { refused: 0, 'applied-after': 0, lost: 0 }]));

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

/** The version tag at the start of a file (the crasher writes "version" first in both). */
function versionOf(file) {
  const buf = Buffer.alloc(32);
  const fd = openSync(file, 'r');
  try {
    return /version"?: "?(\w)/.exec(buf.toString('utf8', 0, readSync(fd, buf, 0, 32, 0)))?.[1];
  } finally {
    closeSync(fd);
  }
}

/** Half the kills are aimed: the moment finch.yaml is seen at a new version and config.json still at the old one. */
async function killWhenTorn(c, files) {
  for (const until = Date.now() + 5000; Date.now() < until; ) {
    const [y, j] = files.map(versionOf);
    if (y && j && y !== j) break;
  }
  c.child.kill('SIGKILL');
}

async function crashRound(k, dir, files, stateDir) {
  const c = start(crasher, [...files, stateDir]);
  await waitFor(c, 'ready');
  if (k % 2 === 0) await killWhenTorn(c, files);
  else {
    await new Promise((r) => setTimeout(r, Math.random() * 40));
    c.child.kill('SIGKILL');
  }
  await c.exited;
  const versions = () => files.map(versionOf);
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

for (let r = 0; r < opt.rounds; r++) await raceRound(r);
for (const m of raceModes) {
  const c = race[m];
  lines.push(`race (${m}${asserted.has(m) ? '' : ', counted'}): ${c.refused + c['applied-after'] + c.lost} rounds — fix refused ${c.refused}, fix applied before the login ${c['applied-after']}, login lost ${c.lost}`);
}

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
