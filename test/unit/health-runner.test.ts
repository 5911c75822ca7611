// The check runner: parallel, prerequisites, time limits, crashes — and the catalog's own invariants.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentEnv } from '../../main/core/env';
import type { CheckContext, CheckDefinition } from '../../main/core/health/check-definition';
import { allChecks } from '../../main/core/health/checks';
import { runDefinitions } from '../../main/core/health/run-checks';
import { error, ok, warn } from '../../main/core/health/verdict';

const ctx = { env: currentEnv({ HOME: '/nowhere' }) } as unknown as CheckContext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => vi.useRealTimers());

/** The run, and whether it has finished yet (time moves only when the test advances the fake clock). */
function track<T>(p: Promise<T>): { p: Promise<T>; done: () => boolean } {
  let finished = false;
  void p.then(() => (finished = true));
  return { p, done: () => finished };
}

describe('runDefinitions', () => {
  it('runs independent checks at the same time', async () => {
    vi.useFakeTimers();
    const slow = (id: string): CheckDefinition<string> => ({ id, title: id, run: async () => (await sleep(300), ok('done')) });
    const run = track(runDefinitions([slow('a'), slow('b'), slow('c')], ctx, { timeoutMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(299);
    expect(run.done()).toBe(false);
    // One after the other would take 900 ms; together they take 300.
    await vi.advanceTimersByTimeAsync(1);
    expect(run.done()).toBe(true);
    expect((await run.p).map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a check whose prerequisite errs or is skipped is skipped, naming it; a warn lets it run', async () => {
    const ran: string[] = [];
    const defs: CheckDefinition<string>[] = [
      { id: 'base', title: 'Base thing', run: () => error('broken') },
      { id: 'soft', title: 'Soft thing', run: () => warn('meh') },
      { id: 'on-base', title: 'On base', requires: ['base'], run: () => (ran.push('on-base'), ok('x')) },
      { id: 'on-skipped', title: 'On skipped', requires: ['on-base'], run: () => (ran.push('on-skipped'), ok('x')) },
      { id: 'on-soft', title: 'On soft', requires: ['soft'], run: () => (ran.push('on-soft'), ok('ran')) },
    ];
    const r = Object.fromEntries((await runDefinitions(defs, ctx, { timeoutMs: 1_000 })).map((c) => [c.id, c]));
    expect(r['on-base']).toMatchObject({ status: 'skipped' });
    expect(r['on-base']!.detail).toContain('needs "Base thing" to pass first');
    expect(r['on-base']!.detail).not.toContain('(base)');
    expect(r['on-base']!.detail).toContain('failed');
    expect(r['on-skipped']!.detail).toContain('was skipped');
    expect(r['on-soft']).toMatchObject({ status: 'ok', detail: 'ran' });
    expect(ran).toEqual(['on-soft']);
  });

  it('a check that passes but cannot vouch for what it read skips the checks built on it, with its reason', async () => {
    const ran: string[] = [];
    const defs: CheckDefinition<string>[] = [
      { id: 'file', title: 'The file is readable', run: () => ({ ...ok('root\u2019s'), unknownForDependents: 'only root can read it.' }) },
      { id: 'content', title: 'Content', requires: ['file'], run: () => (ran.push('content'), ok('nothing in it')) },
      { id: 'deeper', title: 'Deeper', requires: ['content'], run: () => (ran.push('deeper'), ok('x')) },
    ];
    const r = Object.fromEntries((await runDefinitions(defs, ctx, { timeoutMs: 1_000 })).map((c) => [c.id, c]));
    expect(r['file']).toMatchObject({ status: 'ok', detail: 'root\u2019s' });
    expect(r['file']).not.toHaveProperty('unknownForDependents');
    expect(r['content']).toMatchObject({ status: 'skipped', detail: 'Skipped: it builds on "The file is readable", and only root can read it.' });
    expect(r['deeper']!.detail).toContain('needs "Content" to pass first');
    expect(ran).toEqual([]);
  });

  it('a check that hangs becomes an error after its time limit; the others are not held up', async () => {
    const defs: CheckDefinition<string>[] = [
      { id: 'hang', title: 'Hangs', run: () => new Promise(() => undefined) },
      { id: 'own-limit', title: 'Own limit', timeoutMs: () => 50, run: async () => (await sleep(400), ok('late')) },
      { id: 'fine', title: 'Fine', run: () => ok('fine') },
    ];
    vi.useFakeTimers();
    const run = track(runDefinitions(defs, ctx, { timeoutMs: 200 }));
    await vi.advanceTimersByTimeAsync(199);
    expect(run.done()).toBe(false);
    // At the runner's limit, before the late check's 400 ms are up: nothing waits for it.
    await vi.advanceTimersByTimeAsync(1);
    expect(run.done()).toBe(true);
    const r = await run.p;
    expect(r[0]).toMatchObject({ status: 'error' });
    expect(r[0]!.detail).toMatch(/did not finish within 200 ms/);
    expect(r[1]!.detail).toMatch(/within 50 ms/);
    expect(r[2]).toMatchObject({ status: 'ok' });
  });

  it('a check that throws (sync or async) becomes an error with its message; the run never throws', async () => {
    const defs: CheckDefinition<string>[] = [
      { id: 'sync', title: 'Sync', run: () => { throw new Error('boom'); } },
      { id: 'async', title: 'Async', run: async () => Promise.reject(new TypeError('kaput')) },
    ];
    const r = await runDefinitions(defs, ctx, { timeoutMs: 1_000 });
    expect(r.map((c) => [c.status, c.detail])).toEqual([
      ['error', 'The check itself failed: boom'],
      ['error', 'The check itself failed: kaput'],
    ]);
  });

  it('a prerequisite cycle or a missing prerequisite is an error, not a hang', async () => {
    const defs: CheckDefinition<string>[] = [
      { id: 'x', title: 'X', requires: ['y'], run: () => ok('') },
      { id: 'y', title: 'Y', requires: ['x'], run: () => ok('') },
      { id: 'z', title: 'Z', requires: ['nope'], run: () => ok('') },
    ];
    const r = await runDefinitions(defs, ctx, { timeoutMs: 1_000 });
    expect(r.map((c) => c.status)).toEqual(['error', 'error', 'error']);
    expect(r[2]!.detail).toContain('"nope"');
  });

  it('keeps the fix a verdict offers', async () => {
    const r = await runDefinitions([{ id: 'f', title: 'F', run: () => warn('w', { id: 'vm-restart', label: 'Restart' }) }], ctx, { timeoutMs: 1_000 });
    expect(r[0]).toEqual({ id: 'f', title: 'F', status: 'warn', detail: 'w', fix: { id: 'vm-restart', label: 'Restart' } });
  });
});

describe('the catalog', () => {
  const required = [
    'finch-installed', 'finch-version', 'finch-vm-running', 'config-json-valid', 'finch-yaml-valid', 'creds-store-supported',
    'osxkeychain-helper', 'plaintext-credentials', 'ecr-login-helper', 'ecr-login-config', 'aws-config-valid',
    'aws-profiles-present', 'helper-responds', 'vm-restart-pending', 'logins-expired',
  ];
  it('has every required check, once, with prerequisites that exist and come without cycles', async () => {
    const ids = allChecks.map((c) => c.id);
    expect([...ids].sort()).toEqual([...required].sort());
    for (const c of allChecks) for (const r of c.requires ?? []) expect(ids).toContain(r);
    const r = await runDefinitions(allChecks.map((c) => ({ ...c, run: () => ok('stub') })), ctx, { timeoutMs: 1_000 });
    expect(r.every((c) => c.status === 'ok')).toBe(true);
  });
});
