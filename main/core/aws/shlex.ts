// Python's shlex.split(s) (POSIX mode, no comments), which botocore runs on config section names:
// `[profile "my dev"]` is the profile `my dev`, `[profile a b]` has three words and is no profile at all.

const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;

/** The words of `s`, or null where Python raises ValueError (unclosed quote, trailing backslash). */
export function shlexSplit(s: string): string[] | null {
  const words: string[] = [];
  let state = ' '; // ' ' between words, 'a' in a word, a quote char inside quotes, '\\' after a backslash
  let escapedState = ' ';
  let word = '';
  let quoted = false; // an empty pair of quotes still makes a (empty) word
  const emit = () => {
    if (word !== '' || quoted) words.push(word);
    word = '';
    quoted = false;
  };
  for (const ch of s) {
    if (state === ' ' || state === 'a') {
      if (WHITESPACE.includes(ch)) {
        if (state === 'a') emit();
        state = ' ';
      } else if (ch === '\\') {
        escapedState = 'a';
        state = '\\';
      } else if (QUOTES.includes(ch)) {
        state = ch;
      } else {
        word += ch;
        state = 'a';
      }
    } else if (state === '\\') {
      // Inside double quotes a backslash escapes only `"` and `\`; elsewhere it is kept.
      if (QUOTES.includes(escapedState) && ch !== '\\' && ch !== escapedState) word += '\\';
      word += ch;
      state = escapedState;
    } else {
      quoted = true;
      if (ch === state) state = 'a';
      else if (ch === '\\' && state === '"') {
        escapedState = state;
        state = '\\';
      } else word += ch;
    }
  }
  if (state === '\\' || QUOTES.includes(state)) return null;
  if (state === 'a') emit();
  return words;
}
