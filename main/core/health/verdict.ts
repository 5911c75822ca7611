// What a check concludes: a status, the words for the user, and the fix to offer when there is one.
import type { Check } from '../../../shared/types';
import type { FixId } from '../../../shared/ids';

export interface FixLink {
  id: FixId;
  label: string;
}

export type Verdict = Pick<Check, 'status' | 'detail'> & {
  fix?: FixLink;
  /**
   * The check passes, but the checks built on it cannot judge anything (root's config.json that we may not read: a
   * normal state, yet its content is unknown). They are skipped with this reason instead of passing on nothing.
   */
  unknownForDependents?: string;
};

export const ok = (detail: string): Verdict => ({ status: 'ok', detail });
export const skipped = (detail: string): Verdict => ({ status: 'skipped', detail });
export const warn = (detail: string, fix?: FixLink): Verdict => ({ status: 'warn', detail, ...(fix ? { fix } : {}) });
export const error = (detail: string, fix?: FixLink): Verdict => ({ status: 'error', detail, ...(fix ? { fix } : {}) });

/** "a, b and c" for lists in sentences. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
