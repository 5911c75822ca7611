#!/usr/bin/env node
// The app's cross-process lock under load, outside any test runner: `--writers` separate processes each make
// `--updates` read-modify-write updates of one state.json (updateState, the real code), `--rounds` times, in three
// settings per round:
//   clean  — nothing left over;
//   dead   — a dead writer's lock file (the old format, holding its pid);
//   dead-entries — a dead writer's ticket (the lowest) and a dead writer's "choosing" marker in the lock folder;
//   stuck  — a live writer holding the lock, stopped (SIGSTOP) for the whole run: it must be overtaken within
//            --stale ms plus a margin, and when it is woken it must find it has lost the lock.
// Every round must end with every update counted (no lost update) and no entry left in the lock folder.
//
//   node test/stress/lock.mjs [--writers 8] [--updates 20] [--rounds 10] [--stale 1000] [--kinds clean,dead,dead-entries,stuck]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, bundle, deadPid, report, start, workDir } from './lib.mjs';

const opt = args({ writers: 8, updates: 20, rounds: 10, stale: 1000, kinds: 'clean,dead,dead-entries,stuck' });
const work = workDir('lock');
const failures = [];

const writer = await bundle(
  work,
  'writer',
  `import { updateState } from './main/core/state/app-state';
   const [dir, who, n] = process.argv.slice(2);
   for (let i = 0; i < Number(n); i++) {
     await updateState(dir, (s) => {
       const c = (s.registries['counter.example'] ??= {});
       c.loggedInWith = String(Number(c.loggedInWith ?? '0') + 1);
       s.registries[who + '-' + i] = { added: true };
     }, { staleMs: ${opt.stale} });
   }`,
);
const stuckHolder = await bundle(
  work,
  'stuck',
  `import { acquireLock } from './main/core/state/file-lock';
   const [dir] = process.argv.slice(2);
   const held = await acquireLock(dir + '/state.json.lock', { staleMs: ${opt.stale} });
   // The handler first: the stop may come the moment "held" is out.
   process.on('SIGTERM', async () => { process.stdout.write(await held.stillHeld() ? 'still-held\\n' : 'lost\\n'); process.exit(0); });
   process.stdout.write('held\\n');
   setInterval(() => undefined, 1000);`,
);

async function round(kind, r) {
  const dir = path.join(work, `${kind}-${r}`);
  mkdirSync(dir);
  const lockDir = path.join(dir, 'state.json.lock');
  let stuck;
  if (kind === 'dead') {
    // What an older version left when it died holding state.json: a lock file with its pid.
    writeFileSync(lockDir, String(await deadPid()));
  }
  if (kind === 'dead-entries') {
    // A writer killed while holding the lock (the lowest ticket) and one killed while choosing its number.
    mkdirSync(lockDir);
    writeFileSync(path.join(lockDir, `t-000000000000-${await deadPid()}-deadbeef`), '');
    writeFileSync(path.join(lockDir, `c-${await deadPid()}-deadbeef`), '');
  }
  if (kind === 'stuck') {
    stuck = start(stuckHolder, [dir]);
    while (!stuck.output().includes('held')) await new Promise((res) => setTimeout(res, 10));
    stuck.child.kill('SIGSTOP');
  }
  const began = Date.now();
  const runs = Array.from({ length: opt.writers }, (_, w) => start(writer, [dir, `w${w}`, String(opt.updates)]));
  const results = await Promise.all(runs.map((x) => x.exited));
  const took = Date.now() - began;
  for (const [w, res] of results.entries()) if (res.code !== 0) failures.push(`${kind} ${r}: writer ${w} exited ${res.code}: ${res.err.trim().split('\n').filter((l) => /Error/.test(l)).join(' | ') || res.err.trim()}`);
  const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8'));
  const expected = opt.writers * opt.updates;
  const counted = Number(state.registries['counter.example']?.loggedInWith ?? 0);
  const keys = Object.keys(state.registries).length - 1;
  if (counted !== expected || keys !== expected) failures.push(`${kind} ${r}: ${counted} of ${expected} updates counted, ${keys} of ${expected} entries kept`);
  if (stuck) {
    stuck.child.kill('SIGCONT');
    stuck.child.kill('SIGTERM');
    const res = await stuck.exited;
    if (!res.out.includes('lost')) failures.push(`${kind} ${r}: the stuck holder, woken, does not know it lost the lock (${res.out.trim()})`);
    // Overtaken in bounded time: the stuck lock costs at most its staleness plus the work and process starts.
    if (took > opt.stale + 15_000) failures.push(`${kind} ${r}: writers took ${took} ms past a stuck lock (stale after ${opt.stale} ms)`);
  }
  const left = existsSync(lockDir) ? readdirSync(lockDir) : [];
  if (left.length) failures.push(`${kind} ${r}: left in the lock folder: ${left.join(', ')}`);
  return { counted, expected, took };
}

const lines = [];
for (let r = 0; r < opt.rounds; r++) {
  for (const kind of opt.kinds.split(',')) {
    const res = await round(kind, r);
    lines.push(`${kind} round ${r + 1}: ${res.counted}/${res.expected} in ${res.took} ms`);
  }
}
report(failures, `${lines.join('\n')}\nlock: ${opt.writers} writers × ${opt.updates} updates × ${opt.rounds} rounds × {${opt.kinds}}: ${failures.length ? `${failures.length} failures` : 'no lost update'}`);
