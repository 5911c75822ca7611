// Shared by the stress programs: they run outside any test runner, as plain Node processes that start separate
// writer processes (the app's real modules, bundled with esbuild), so that what is tested is what happens between
// processes — not inside one runner's workers.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function workDir(name) {
  return mkdtempSync(path.join(os.tmpdir(), `fl-stress-${name}-`));
}

/** Bundles a child entry written inline, importing the app's own modules (paths relative to the repository). */
export async function bundle(work, name, contents) {
  const outfile = path.join(work, `${name}.mjs`);
  await build({ stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: `${name}.ts` }, bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  return outfile;
}

/** Starts a Node child; `exited` resolves with its exit code and output. */
export function start(script, args, opts = {}) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
  return { child, exited, output: () => out };
}

/** The pid of a process that has exited: a lock "left by a dead writer". */
export async function deadPid() {
  const { child, exited } = start('-e', []);
  await exited;
  return child.pid;
}

export function args(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = Number.isNaN(Number(argv[i + 1])) ? argv[i + 1] : Number(argv[i + 1]);
  return out;
}

export function report(failures, summary) {
  console.log(summary);
  if (failures.length) {
    for (const f of failures) console.error(`FAIL: ${f}`);
    process.exit(1);
  }
}
