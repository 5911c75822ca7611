// Crash safety of the writes fixes make: a writer process killed (SIGKILL) at random moments, 100 times, must
// leave the file as the old bytes or the new bytes — never a partial file — and the next write sweeps up the temp
// files the killed writers left. The writer is the real code (atomic-write.ts, and the full transaction),
// bundled with esbuild into a child script.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepStaleTemps } from '../../main/core/atomic-write';
import { listBackups } from '../../main/core/fixes/backups';

const root = path.resolve(__dirname, '../..');
let work: string;

/** Bundles a child entry written inline, importing the app's own modules. */
async function bundle(name: string, contents: string): Promise<string> {
  const outfile = path.join(work, `${name}.mjs`);
  await build({ stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: `${name}.ts` }, bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning' });
  return outfile;
}

/** Two large, valid JSON documents that differ everywhere, so a torn write cannot pass for either. */
const versionText = (tag: string, kb: number) =>
  JSON.stringify({ version: tag, auths: Object.fromEntries(Array.from({ length: kb * 8 }, (_, i) => [`registry-${i}.example.com`, { note: `${tag}-${i}`.padEnd(100, tag) }])) }, null, '\t') + '\n';

/**
 * Starts the child, waits until it has written once, kills it at a random moment. Resolves true when the kill
 * landed mid-write: the child's temp file existed at that moment.
 */
function killOnce(script: string, args: string[], dir: string, maxDelayMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let ready = false;
    let midWrite = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (ready || !d.includes('ready')) return;
      ready = true;
      setTimeout(() => {
        midWrite = readdirSync(dir).some((n) => n.includes(`.${child.pid}.`) && n.endsWith('.tmp'));
        child.kill('SIGKILL');
      }, Math.floor(Math.random() * maxDelayMs));
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(midWrite) : reject(new Error(`writer exited by itself (code ${code})`))));
  });
}

/** A stress program runs on its own, outside vitest's workers: the same run as `npm run stress`, fewer rounds. */
function runStress(name: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'test/stress', name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'fl-crash-'));
});

describe('crash safety', () => {
  it('atomic writes: 100 kills mid-write, the file is always the old or the new bytes, never partial', async () => {
    const writer = await bundle(
      'atomic-writer',
      `import { writeFileAtomic } from './main/core/atomic-write';
       const [file, a, b] = process.argv.slice(2);
       const { readFileSync } = await import('node:fs');
       const versions = [readFileSync(a), readFileSync(b)];
       for (let i = 0; ; i++) {
         await writeFileAtomic(file, versions[i % 2], { mode: 0o600, dirMode: 0o700 });
         if (i === 0) process.stdout.write('ready\\n');
       }`,
    );
    const dir = path.join(work, 'finch');
    mkdirSync(dir);
    const file = path.join(dir, 'config.json');
    const a = versionText('A', 512);
    const b = versionText('B', 512);
    writeFileSync(path.join(work, 'a.json'), a);
    writeFileSync(path.join(work, 'b.json'), b);
    writeFileSync(file, a, { mode: 0o600 });
    const seen: string[] = [];
    let midWrite = 0;
    for (let i = 0; i < 100; i++) {
      if (await killOnce(writer, [file, path.join(work, 'a.json'), path.join(work, 'b.json')], dir, 60)) midWrite++;
      const now = readFileSync(file, 'utf8');
      expect(now === a || now === b, `after kill ${i + 1} the file is neither version (${now.length} bytes)`).toBe(true);
      expect(JSON.parse(now).version).toMatch(/^[AB]$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      seen.push(now === a ? 'A' : 'B');
    }
    // Both versions were seen, and most kills landed while a temp file was being written.
    expect(new Set(seen).size).toBe(2);
    expect(midWrite).toBeGreaterThan(30);
    // Each writer sweeps what the dead ones left; at most the last one's temp file is left, and it is swept too.
    const leftovers = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(leftovers.length).toBeLessThanOrEqual(1);
    expect((await sweepStaleTemps(dir, 'config.json')).sort()).toEqual(leftovers.sort());
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('whole transactions (backup, write, manifest): 30 kills, config.json stays valid, backups stay readable', async () => {
    const writer = await bundle(
      'transaction-writer',
      `import { configEdit, loadConfigForEdit } from './main/core/fixes/config-json-edit';
       import { osascriptElevator } from './main/core/fixes/file-writer';
       import { commitEdits } from './main/core/fixes/transaction';
       const [file, stateDir] = process.argv.slice(2);
       for (let i = 0; ; i++) {
         const cfg = await loadConfigForEdit(file);
         const edit = configEdit(cfg, (d) => void (d.credsStore = cfg.config.credsStore === 'osxkeychain' ? 'pass' : 'osxkeychain'));
         await commitEdits([edit], { fixId: 'crash-test', stateDir, now: new Date(), elevator: osascriptElevator });
         if (i === 0) process.stdout.write('ready\\n');
       }`,
    );
    const dir = path.join(work, 'tx');
    mkdirSync(dir);
    const file = path.join(dir, 'config.json');
    const base = JSON.parse(versionText('T', 64)) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(base, null, '\t') + '\n', { mode: 0o640 });
    const allowed = new Set(['osxkeychain', 'pass'].map((s) => JSON.stringify({ ...base, credsStore: s }, null, '\t') + '\n'));
    allowed.add(JSON.stringify(base, null, '\t') + '\n');
    const stateDir = path.join(work, 'tx-state');
    for (let i = 0; i < 30; i++) {
      await killOnce(writer, [file, stateDir], dir, 40);
      const now = readFileSync(file, 'utf8');
      expect(allowed.has(now), `after kill ${i + 1}: not a version the writer wrote (${now.length} bytes)`).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o640);
      // Every manifest that exists parses; a backup cut short before its manifest is simply not listed.
      for (const b of await listBackups(stateDir)) expect(b.manifest.fixId).toBe('crash-test');
    }
  });

  it('fixes: a login written while a fix applies (by the app, or by another program while the fix backs up) is never written over; a fix killed between its two files is rolled back at the next start (test/stress/fix.mjs)', async () => {
    const r = await runStress('fix.mjs', ['--rounds', '32', '--kills', '30']);
    expect(r.out).toMatch(/no login lost, every interrupted fix rolled back/);
    expect(r.code, r.out).toBe(0);
  }, 240_000);

  it('finch.yaml: 6 processes running finch commands at once (the real executor, the Go stand-in) keep the user\'s cpus and memory, also past a crashed run\'s lock entries (test/stress/finch-yaml.mjs)', async () => {
    const r = await runStress('finch-yaml.mjs', ['--rounds', '10']);
    expect(r.out).toMatch(/the user's settings kept every round/);
    expect(r.code, r.out).toBe(0);
  }, 240_000);

  it('app state: 8 writer processes, with a dead writer\'s lock and with a stuck one, lose no update (test/stress/lock.mjs)', async () => {
    const r = await runStress('lock.mjs', ['--rounds', '2', '--updates', '10']);
    expect(r.out).toMatch(/no lost update/);
    expect(r.code, r.out).toBe(0);
  }, 240_000);
});
