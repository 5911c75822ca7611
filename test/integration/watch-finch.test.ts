// The status watcher against a finch that does what Finch does: every finch command, `vm status` included, rewrites
// finch.yaml, and every status read runs `finch vm status`. Idle, the watcher must not re-trigger itself; a real
// change gives one refresh.
// Run: bash e2e/stack/with-stack.sh npx vitest run --project integration test/integration/watch-finch.test.ts
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { startStatusWatcher } from '../../main/core/watch/status-watcher';
import { stack } from '../support/login-home';
import { makeSandbox } from '../support/sandbox-home';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(stack.up)('status watcher with a finch that rewrites finch.yaml on every command', () => {
  it('stays quiet while idle (no refresh loop), and refreshes once per real change', async () => {
    const sb = makeSandbox({
      platform: 'darwin',
      files: {
        // Hand-written, with a comment: Finch's first rewrite really changes it (one extra refresh), later ones do not.
        'home/.finch/finch.yaml': '# my settings\ncpus: 4\nmemory: 4GiB\ncreds_helpers:\n  - osxkeychain\n',
        'home/.finch/config.json': '{\n  "auths": null\n}',
      },
    });
    const log = sb.file('finch-calls.jsonl');
    Object.assign(sb.vars, { FINCH_LOGINS_FINCH: stack.finch, FL_FINCH_LOG: log, FL_FINCH_VM_STATE: sb.file('vm-state') });
    const vmStatusCalls = () =>
      existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter((l) => (JSON.parse(l) as { argv: string[] }).argv.join(' ') === 'vm status').length : 0;
    let reports = 0;
    const w = startStatusWatcher(currentEnv(sb.vars), { onStatus: () => reports++ });
    try {
      await w.refreshNow();
      expect(readFileSync(sb.file('home/.finch/finch.yaml'), 'utf8')).not.toContain('# my settings'); // finch did rewrite it
      await sleep(3_000);
      const idle = vmStatusCalls();
      // The first read, and one more for Finch's first rewrite of the hand-written file; a loop would give ~10 a second.
      expect(idle).toBeGreaterThanOrEqual(1);
      expect(idle).toBeLessThanOrEqual(2);

      writeFileSync(sb.file('home/.finch/config.json'), JSON.stringify({ auths: { 'ghcr.io': {} } }));
      await sleep(2_000);
      expect(vmStatusCalls()).toBe(idle + 1);
      expect(w.latest()!.registries.map((r) => r.host)).toEqual(['ghcr.io']);
      expect(reports).toBeGreaterThanOrEqual(2);
    } finally {
      w.stop();
      rmSync(sb.dir, { recursive: true, force: true });
    }
  });
});
