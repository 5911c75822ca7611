// Preview, apply and undo: the service behind the window's Fix dialog and `finch-logins fix|undo`.
// Apply recomputes the plan from the files as they are now and goes ahead only if that is exactly what was
// previewed (the token); the transaction then checks once more right before writing.
import type { FixPreview, FixResult, UndoResult, VmLogLine } from '../../../shared/types';
import type { Env } from '../env';
import { Failure } from '../failure';
import { refuseWhileConfigInvalid } from '../finch/config-gate';
import { rootOnly } from '../health/checks/config-json-valid';
import { runCheck, withPrerequisites } from '../health/run-checks';
import { resolvePaths, type Paths } from '../paths';
import { finchRules } from '../finch/finch-rules';
import { readSnapshot } from '../snapshot';
import { updateVmRecord } from '../vm/vm-record';
import { allFixes } from './catalog';
import { resolveForEdit } from './current-file';
import { describeChange, planToken } from './file-edit';
import type { FixContext, FixDefinition, FixPlan } from './fix-definition';
import { isFixId } from '../../../shared/ids';
import { osascriptElevator, type Elevator } from './file-writer';
import { withConfigLock } from '../state/config-lock';
import { finchLockWaitMs, withFinchLock } from '../finch/finch-lock';
import { anyInterruptedFix, describeRecovery, recoverInterruptedFixes, type Recovered } from './recovery';
import { commitEdits } from './transaction';
import { undoLast } from './undo';

export interface ApplyOptions {
  /** Live output of the VM restart. */
  onVmLine?: (line: VmLogLine) => void;
  /** How privileged copies run (macOS's administrator prompt); replaced in tests. */
  elevator?: Elevator;
}

function fixById(fixId: string): FixDefinition {
  if (!isFixId(fixId)) throw new Failure('unknown-fix', `There is no fix "${fixId}".`, `Fixes: ${Object.keys(allFixes).join(', ')}.`);
  return allFixes[fixId];
}

async function planFor(env: Env, fix: FixDefinition, onVmLine: (l: VmLogLine) => void): Promise<FixPlan> {
  const snap = await readSnapshot(env);
  const ctx: FixContext = { env, paths: snap.paths, snap, rules: finchRules(env.platform, snap.finch.version), onVmLine };
  return fix.plan(ctx);
}

/**
 * config.json not valid: no fix. Root's config.json that we may not read (Linux, not root): no fix whose check judges
 * its content — the plan would be made from an empty file, so it would either find nothing to do or write over
 * root's logins.
 */
async function refuseWhileConfigGated(env: Env, fix: FixDefinition): Promise<void> {
  const config = await refuseWhileConfigInvalid(env, 'apply a fix');
  if (config.denied && withPrerequisites(fix.checkId).has('config-json-valid')) {
    const file = resolvePaths(env).configJson;
    throw new Failure(
      'needs-root',
      `Finch Logins cannot "${fix.title}" from here: ${rootOnly(file)}`,
      `Run \`sudo finch-logins doctor\` to see what to fix, then \`sudo finch-logins fix ${fix.id}\`. Nothing was changed.`,
    );
  }
}

/** One fix at a time in this process: two applies must not interleave their read-check-write. */
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn);
  queue = next.catch(() => undefined);
  return next;
}

export async function previewFix(env: Env, fixId: string): Promise<FixPreview> {
  const fix = fixById(fixId);
  await refuseWhileConfigGated(env, fix);
  const plan = await planFor(env, fix, () => undefined);
  return {
    fixId: fix.id,
    title: fix.title,
    explanation: plan.explanation,
    changes: plan.edits.map(describeChange),
    commands: plan.commands,
    needsVmRestart: plan.needsVmRestart,
    token: planToken(fix.id, plan.edits),
  };
}

export function applyFix(env: Env, fixId: string, token: string, opts: ApplyOptions = {}): Promise<FixResult> {
  return serialized(async () => {
    const fix = fixById(fixId);
    if (!token.startsWith(`${fix.id}:`)) throw new Failure('invalid-token', `That confirmation belongs to another fix, not "${fix.title}".`, 'Preview the fix again.');
    // A fix interrupted earlier is rolled back first; the files it touched then differ from the preview.
    await recover(resolvePaths(env), opts.elevator ?? osascriptElevator);
    await refuseWhileConfigGated(env, fix);
    const plan = await planFor(env, fix, opts.onVmLine ?? (() => undefined));
    const now = planToken(fix.id, plan.edits);
    if (now !== token) throw staleFailure(plan, token);

    const notes: string[] = [];
    let complete = true;
    let edits = plan.edits;
    if (plan.prepare) {
      const p = await plan.prepare();
      edits = p.edits;
      notes.push(...p.notes);
      complete = p.complete;
    }
    const paths = resolvePaths(env);
    if (edits.length > 0) {
      // Under the lock our logins take while they rewrite config.json: a login of this app or its CLI finishes first,
      // and the re-check before each rename then refuses the fix rather than write over that login.
      const yaml = edits.some((e) => e.kind === 'yaml');
      await underLocks(paths, yaml, 'The fix', () => commitEdits(edits, { fixId: fix.id, stateDir: paths.stateDir, now: env.now(), elevator: opts.elevator ?? osascriptElevator }));
    }
    // Only a change the VM must restart for is recorded as pending (taking ecr-login out of creds_helpers is not).
    const yamlWritten = plan.needsVmRestart && env.platform !== 'linux' && edits.some((e) => e.kind === 'yaml');
    if (yamlWritten) {
      const yamlFile = await resolveForEdit(paths.finchYaml);
      if (edits.some((e) => e.file === yamlFile)) await updateVmRecord(paths.stateDir, (r) => void (r.yamlChangedAt = env.now().toISOString()));
    }
    if (plan.finish) notes.push(await plan.finish());

    const applied = edits.length > 0 || !!plan.finish;
    const changed = edits.map((e) => e.file);
    const message = !applied
      ? notes.length
        ? // Not "Nothing was changed": a store that failed half-way may have kept part of what it was sent.
          `${complete ? 'No file was changed.' : 'The fix failed; no file was changed.'} ${notes.join(' ')}`
        : plan.explanation.split('\n')[0]!
      : [
          changed.length ? `Changed ${changed.join(' and ')}.` : '',
          ...notes,
          complete ? '' : 'The rest was left as it was.',
          plan.needsVmRestart && yamlWritten ? 'Restart the VM for Finch to use the new finch.yaml.' : '',
        ]
          .filter(Boolean)
          .join(' ');
    return { fixId: fix.id, applied, complete, message, check: await runCheck(env, fix.checkId), needsVmRestart: plan.needsVmRestart && yamlWritten };
  });
}

/** Undo; a fix that was interrupted midway is what undo puts back first (it is rolled back whole). */
export function undoLastChange(env: Env, elevator: Elevator = osascriptElevator): Promise<UndoResult> {
  return serialized(async () => {
    const paths = resolvePaths(env);
    const recovered = await recover(paths, elevator);
    if (recovered.length) return { restored: recovered.flatMap((r) => r.restored), message: describeRecovery(recovered) };
    return underLocks(paths, true, 'Undo', () => undoLast(env, elevator));
  });
}

/**
 * config.json's lock (our logins rewrite it), and the finch lock too when finch.yaml is written: a finch command
 * that read finch.yaml before our rename would write its old settings back over the fix (Finch rewrites it in place
 * at every command). Lock order as everywhere: config.json's, then finch's (finch/finch-lock.ts).
 */
function underLocks<T>(paths: Paths, finchYaml: boolean, what: string, work: () => Promise<T>): Promise<T> {
  return withConfigLock(paths, () => (finchYaml ? withFinchLock(paths, what, finchLockWaitMs, work) : work()));
}

/**
 * Rolls back interrupted fixes under the locks a fix takes, since the rollback writes the same files (config.json,
 * finch.yaml); only when there is one, so a start-up does not wait behind another process's login batch for nothing.
 */
async function recover(paths: Paths, elevator: Elevator): Promise<Recovered[]> {
  if (!(await anyInterruptedFix(paths.stateDir))) return [];
  return underLocks(paths, true, 'Rolling back an interrupted fix', () => recoverInterruptedFixes(paths.stateDir, elevator));
}

/** At start-up: rolls back fixes a crash interrupted (fix-service's apply and undo do it too). */
export function recoverAtStart(env: Env): Promise<string | null> {
  return serialized(async () => {
    const recovered = await recover(resolvePaths(env), osascriptElevator);
    return recovered.length ? describeRecovery(recovered) : null;
  });
}

/** Which file differs from the preview, so the message can name it. */
function staleFailure(plan: FixPlan, token: string): Failure {
  const wanted = token.slice(token.indexOf(':') + 1).split('.');
  const now = planToken('x', plan.edits).slice(2).split('.');
  const files = plan.edits.filter((_, i) => wanted[i] !== now[i]).map((e) => e.file);
  const what = files.length && wanted.length === now.length ? files.join(' and ') : 'The files this fix changes';
  return new Failure(
    'changed-since-preview',
    `${what} changed since the preview, so nothing was written.`,
    'Look at the fix again: its preview now shows the current files.',
  );
}
