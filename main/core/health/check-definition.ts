// A health check: a stable id, a title, the checks it builds on, and a run over the shared context.
import type { CheckId } from '../../../shared/ids';
import type { Env } from '../env';
import type { FinchRules } from '../finch/finch-rules';
import type { Paths } from '../paths';
import type { Snapshot } from '../snapshot';
import type { Verdict } from './verdict';

export interface CheckContext {
  env: Env;
  paths: Paths;
  /** Everything read from disk and programs once, shared by all checks of a run. */
  snap: Snapshot;
  /** ECR and ECR Public hosts known from config.json, the credential store and the app's own list. */
  ecrHosts: string[];
  /** What the installed Finch version does on this platform (the newest version's rules when it is unknown). */
  rules: FinchRules;
}

/** A check. `Id` is the closed list of real checks (shared/ids.ts); the runner's tests hand it their own. */
export interface CheckDefinition<Id extends string = CheckId> {
  id: Id;
  title: string;
  /**
   * The Finch versions and platforms it applies to, in words ("All versions, every platform." when it does not
   * depend), following finch/finch-rules.ts. Every real check has one (test/unit/check-fix-versions.test.ts); the
   * runner's own tests do without.
   */
  versions?: string;
  /** Checks that must pass (ok or warn) first; otherwise this one is skipped, naming the one that did not. */
  requires?: Id[];
  /** Overrides the runner's per-check time limit (e.g. a helper gets its own timeout plus a margin). */
  timeoutMs?: (env: Env) => number;
  run(ctx: CheckContext): Verdict | Promise<Verdict>;
}
