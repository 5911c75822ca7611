// Python's idea of whitespace and lines, which differs from JavaScript's: botocore strips with str.strip()
// (no U+FEFF, but U+001C–U+001F and U+0085) and splits nested values with str.splitlines().

/** Every character for which Python's str.isspace() is true (also what `\s` matches in Python's re). */
const PY_SPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';

const leading = new RegExp(`^[${PY_SPACE}]+`);
const trailing = new RegExp(`[${PY_SPACE}]+$`);
const nonSpace = new RegExp(`[^${PY_SPACE}]`);
// str.splitlines() breaks on more than \n: also \v, \f, \x1c–\x1e, \x85, U+2028, U+2029.
const lineBreak = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;

export const pyRstrip = (s: string): string => s.replace(trailing, '');
export const pyStrip = (s: string): string => pyRstrip(s.replace(leading, ''));

/** Index of the first non-whitespace character, or -1 (configparser's NONSPACECRE.search). */
export const firstNonSpace = (s: string): number => s.search(nonSpace);

/** str.splitlines() without the keepends option: a final line break does not start an empty line. */
export function pySplitlines(s: string): string[] {
  const lines = s.split(lineBreak);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return s === '' ? [] : lines;
}
