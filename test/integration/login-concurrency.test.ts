// Logins that share one config.json, written with no lock by the finch stand-in and by the docker CLI 28 itself standing
// in for finch: the stress program
// test/stress/login-all.mjs runs as its own process, outside vitest — `login --all` of 10 plaintext registries, and
// two CLI processes side by side — and fails unless every login reported done is stored and no other key is lost.
// More rounds: `npm run build && bash e2e/stack/with-stack.sh node test/stress/login-all.mjs --rounds 10`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { builtCli } from '../support/cli';
import { stack } from '../support/login-home';
import { needs } from '../support/needs';

needs('the test stack (e2e/stack/with-stack.sh)', stack.up)('logins sharing one config.json', () => {
  it('plaintext login --all of 10 registries, and two CLIs at once: 10 of 10 stored, every round', async () => {
    expect(existsSync(builtCli), 'run `npm run build` first: the stress program runs the built CLI').toBe(true);
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [path.resolve(__dirname, '../stress/login-all.mjs'), '--rounds', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('exit', (code) => resolve({ code, out }));
    });
    expect(r.out).toMatch(/every login stored, no key lost/);
    expect(r.code, r.out).toBe(0);
  }, 300_000);
});
