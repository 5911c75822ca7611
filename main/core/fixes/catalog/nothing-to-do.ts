import type { FixPlan } from '../fix-definition';

/** A plan with nothing to write: applying it changes nothing (fixes are idempotent). */
export function nothingToDo(explanation: string): FixPlan {
  return { explanation, edits: [], commands: [], needsVmRestart: false };
}
