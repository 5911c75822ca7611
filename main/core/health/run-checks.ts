// Runs the checks: all at once, each after its prerequisites, each within a time limit. Never throws: a check
// that crashes or hangs becomes an `error` saying so, and one whose prerequisite failed is `skipped`, saying which.
import type { CheckId } from '../../../shared/ids';
import type { Check } from '../../../shared/types';
import type { Env } from '../env';
import { buildCheckContext } from './check-context';
import type { CheckContext, CheckDefinition } from './check-definition';
import { allChecks } from './checks';
import type { Verdict } from './verdict';

const defaultCheckTimeoutMs = 10_000;

/** FINCH_LOGINS_CHECK_TIMEOUT_MS shortens the limit for tests and support. */
export function checkTimeoutMs(env: Env): number {
  const v = Number(env.vars.FINCH_LOGINS_CHECK_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : defaultCheckTimeoutMs;
}

export async function runChecks(env: Env): Promise<Check[]> {
  return runCheckSet(env, allChecks);
}

/** A check and every check it builds on, directly or through others. */
export function withPrerequisites(id: CheckId): Set<CheckId> {
  const wanted = new Set<CheckId>();
  const add = (checkId: CheckId) => {
    if (wanted.has(checkId)) return;
    wanted.add(checkId);
    for (const r of allChecks.find((c) => c.id === checkId)?.requires ?? []) add(r);
  };
  add(id);
  return wanted;
}

/** One check and the checks it builds on, for the rerun after a fix. */
export async function runCheck(env: Env, id: CheckId): Promise<Check> {
  const wanted = withPrerequisites(id);
  const results = await runCheckSet(env, allChecks.filter((c) => wanted.has(c.id)));
  const found = results.find((c) => c.id === id);
  if (!found) return { id, title: id, status: 'error', detail: `There is no check "${id}".` };
  return found;
}

async function runCheckSet(env: Env, defs: readonly CheckDefinition[]): Promise<Check[]> {
  let ctx: CheckContext;
  try {
    ctx = await buildCheckContext(env);
  } catch (e) {
    const why = `Finch\u2019s files could not be read: ${(e as Error).message}`;
    return defs.map((d) => ({ id: d.id, title: d.title, status: 'error', detail: why }));
  }
  return runDefinitions(defs, ctx, { timeoutMs: checkTimeoutMs(env) });
}

/** The runner itself, over any set of definitions (tests hand it their own). */
export async function runDefinitions<Id extends string>(defs: readonly CheckDefinition<Id>[], ctx: CheckContext, opts: { timeoutMs: number }): Promise<Check<Id>[]> {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const running = new Map<Id, Promise<Check<Id>>>();
  const cyclic = findCycles(defs);
  /** Why the checks built on a passing one cannot judge anything (Verdict.unknownForDependents). */
  const unknownBeyond = new Map<Id, string>();

  const start = (d: CheckDefinition<Id>): Promise<Check<Id>> => {
    let p = running.get(d.id);
    if (!p) {
      p = runOne(d);
      running.set(d.id, p);
    }
    return p;
  };

  const runOne = async (d: CheckDefinition<Id>): Promise<Check<Id>> => {
    const base = { id: d.id, title: d.title };
    if (cyclic.has(d.id)) return { ...base, status: 'error', detail: `Check "${d.id}" depends on itself through its prerequisites (a bug in Finch Logins).` };
    for (const req of d.requires ?? []) {
      const dep = byId.get(req);
      if (!dep) return { ...base, status: 'error', detail: `Check "${d.id}" needs "${req}", which does not exist (a bug in Finch Logins).` };
      const r = await start(dep);
      if (r.status === 'error' || r.status === 'skipped') {
        return { ...base, status: 'skipped', detail: `Skipped: it needs "${r.title}" to pass first, and that check ${r.status === 'error' ? 'failed' : 'was skipped'}.` };
      }
      const unknown = unknownBeyond.get(req);
      if (unknown) return { ...base, status: 'skipped', detail: `Skipped: it builds on "${r.title}", and ${unknown}` };
    }
    const limit = d.timeoutMs?.(ctx.env) ?? opts.timeoutMs;
    try {
      const v = await withTimeout(Promise.resolve().then(() => d.run(ctx)), limit);
      if (v === timedOut) return { ...base, status: 'error', detail: `The check did not finish within ${formatSeconds(limit)}; something it asks is not answering.` };
      if (v.unknownForDependents) unknownBeyond.set(d.id, v.unknownForDependents);
      return toCheck(base, v);
    } catch (e) {
      return { ...base, status: 'error', detail: `The check itself failed: ${(e as Error)?.message ?? String(e)}` };
    }
  };

  return Promise.all(defs.map(start));
}

function toCheck<Id extends string>(base: { id: Id; title: string }, v: Verdict): Check<Id> {
  return { ...base, status: v.status, detail: v.detail, ...(v.fix ? { fix: v.fix } : {}) };
}

const timedOut = Symbol('timed out');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** Ids on a prerequisite cycle: those would wait for themselves forever. */
function findCycles<Id extends string>(defs: readonly CheckDefinition<Id>[]): Set<Id> {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const onCycle = new Set<Id>();
  const visit = (id: Id, stack: Id[]) => {
    const at = stack.indexOf(id);
    if (at >= 0) {
      for (const c of stack.slice(at)) onCycle.add(c);
      return;
    }
    for (const r of byId.get(id)?.requires ?? []) visit(r, [...stack, id]);
  };
  for (const d of defs) visit(d.id, []);
  return onCycle;
}
