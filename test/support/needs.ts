// A suite that needs something outside the repository (the test stack, the keyring, the AWS CLI, botocore): on a
// developer's machine it is skipped, and says what is missing; in CI (CI=true) a missing prerequisite is a failure,
// so that a broken install step cannot leave the suite silently skipped and the run green.
import { describe, it } from 'vitest';

export const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** `describe` when `present`; otherwise `describe.skip` — or, in CI, a suite with one failing test naming `what`. */
export function needs(what: string, present: boolean): (name: string, body: () => void) => void {
  if (present) return (name, body) => describe(name, body);
  if (!inCi) return (name, body) => describe.skip(`${name} — SKIPPED: needs ${what}`, body);
  return (name) =>
    describe(name, () => {
      it(`needs ${what}`, () => {
        throw new Error(`${what} is missing. CI (CI=true) runs every suite: check the install step (scripts/install-test-deps.sh) and e2e/stack/with-stack.sh.`);
      });
    });
}
