// Check and fix ids are for code and `--json`; the words a user reads name checks and fixes by their titles. The
// one place an id may appear is a command to type (`finch-logins fix <id>`).
import { checkIds, fixIds } from '../../shared/ids';

const ids = [...checkIds, ...fixIds].sort((a, b) => b.length - a.length);

/** The ids in `text`, outside a `finch-logins fix <id>` command. */
export function leakedIds(text: string): string[] {
  const rest = text.replace(/finch-logins fix [a-z-]+/g, 'finch-logins fix …');
  return ids.filter((id) => new RegExp(`(^|[^a-z-])${id}([^a-z-]|$)`).test(rest));
}
