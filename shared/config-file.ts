// The rule every shell shows for a config.json that cannot be understood, and the words for it: main refuses logins,
// logouts, fixes and adding registries while it is so (main/core/finch/config-gate.ts), and the window and the CLI
// say so before anything else, instead of showing "no store" or offering what would be refused. Pure.
import type { FinchInfo } from './types';

/** config.json is broken: nothing may change it (or add to what Finch logs in to) until it is fixed. */
export function configBlocksChanges(finch: FinchInfo): boolean {
  return finch.configInvalid === true;
}

/** What to do about it, after the problem itself (which names the line and what is wrong). */
export const brokenConfigNextStep =
  'Fix it in a text editor, or move it away (Finch starts a new, empty one at its next login), then refresh. Until then Finch Logins will not log in, log out, apply a fix or add a registry, and the credential store it names is unknown.';
