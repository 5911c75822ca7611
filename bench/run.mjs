// npm run bench: every benchmark, one after the other. Needs `npm run build` first. The login benchmark needs the
// test stack (registry, AWS stub, keyring): it is started around it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('out/cli/finch-logins.js')) {
  console.error('Run `npm run build` first: the benchmarks time the built CLI.');
  process.exit(2);
}
let failed = false;
for (const [name, cmd] of [
  ['status', ['node', 'bench/status.mjs']],
  ['login', ['bash', 'e2e/stack/with-stack.sh', 'node', 'bench/login.mjs']],
  // The window: page load → registries painted, in the e2e harness (Chromium, real handlers).
  ['paint', ['npx', 'playwright', 'test', '--config', 'bench/playwright.config.ts', '--reporter', 'line']],
  ['sso', ['bash', 'e2e/stack/with-stack.sh', 'node', 'bench/sso.mjs']],
]) {
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`benchmark ${name} failed or missed its target`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
