// A fix: a plan computed from the files as they are now (shown as the preview), then applied through the
// transaction. Plans are pure reads; only applyFix writes.
import type { VmLogLine } from '../../../shared/types';
import type { Env } from '../env';
import type { FinchRules } from '../finch/finch-rules';
import type { Paths } from '../paths';
import type { Snapshot } from '../snapshot';
import type { FileEdit } from './file-edit';
import type { CheckId, FixId } from '../../../shared/ids';

export interface FixContext {
  env: Env;
  paths: Paths;
  snap: Snapshot;
  /** What the installed Finch version does on this platform. */
  rules: FinchRules;
  /** Live output of long commands (the VM restart). */
  onVmLine: (line: VmLogLine) => void;
}

export interface Prepared {
  /** The edits to write now: the planned ones, or fewer when part of the work failed. */
  edits: FileEdit[];
  /** What happened, for the result (e.g. which logins could not be moved and why). */
  notes: string[];
  /** False when part of the work could not be done. */
  complete: boolean;
}

export interface FixPlan {
  explanation: string;
  edits: FileEdit[];
  /** Commands that will run, as the user would type them (never a secret). */
  commands: string[];
  needsVmRestart: boolean;
  /** Work outside the files that must succeed before they are written (storing secrets in a keychain). */
  prepare?: () => Promise<Prepared>;
  /** Work after the files are written (the VM restart); returns what to tell the user. */
  finish?: () => Promise<string>;
}

export interface FixDefinition {
  id: FixId;
  title: string;
  /** The Finch versions and platforms it applies to, in words, following finch/finch-rules.ts. */
  versions: string;
  /** The check rerun after applying, to show the fix worked. */
  checkId: CheckId;
  plan(ctx: FixContext): Promise<FixPlan>;
  /**
   * What Undo does not put back (Undo restores files only), said from the files as Undo left them; null when
   * nothing stays behind. Without it, the fix changed files only.
   */
  undoLeaves?: (ctx: { env: Env; paths: Paths }) => Promise<string | null>;
}
