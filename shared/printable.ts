// Text from files and programs we do not control, made safe to show: a registry key, a profile name, a helper's reply
// or finch's message may hold control characters. A terminal obeys them (ESC/OSC sequences recolour, retitle or
// rewrite the screen; a line feed forges a row of `status`); a tray menu or a notification shows a line break or a
// bidi override as it is, so `rtl\u202eoi.lave` reads as another host. One rule for every shell: the CLI prints
// through it (main/cli/output.ts), the tray and notifications build their text with it, the window shows hosts with
// it. Pure.

/**
 * C0 controls but line feed and tab, DEL, C1 controls (0x9b is a one-byte CSI), and the Unicode marks that reorder
 * text or break lines (bidi overrides and isolates, U+2028/2029).
 */
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** `\uXXXX`: readable in text, and the same string when it lands inside a JSON string (--json stays valid JSON). */
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text as a terminal may show it: every control character but line feed and tab written as \uXXXX. */
export function printable(text: string): string {
  return text.replace(unsafe, escapeChar);
}

/** One value on one line: line feeds and tabs escaped too, so a value cannot start a line of its own. */
export function oneLine(value: string): string {
  return printable(value).replace(/[\n\t]/g, (c) => (c === '\n' ? '\\n' : '\\t'));
}
