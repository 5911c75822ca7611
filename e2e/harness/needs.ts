// The end-to-end twin of test/support/needs.ts: a spec that needs the test stack is skipped on a developer's machine
// without it, and fails in CI (CI=true), where a missing stack means a broken install step.
import { test } from '@playwright/test';

const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** Call inside a test or a describe: skips (or, in CI, fails) when `present` is false. */
export function needs(what: string, present: boolean, hint: string): void {
  if (present) return;
  if (inCi) throw new Error(`${what} is missing. CI (CI=true) runs every spec: check the install step and e2e/stack/with-stack.sh.`);
  test.skip(true, `needs ${what}: ${hint}`);
}
