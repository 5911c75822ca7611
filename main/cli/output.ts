// Where the CLI writes, and how a failure reads: every command writes through an Output (injected, so commands are
// testable in-process), and every failure goes through reportFailure, so `--json` and the hint are honoured alike.
// Everything printed passes through safeOutput (main() wraps the Output with it), and every value that must stay on
// its line through oneLine: a registry key, a helper's reply or a profile name is data from files and programs we
// do not control, and a terminal obeys control characters in it (ESC/OSC sequences recolour, retitle or rewrite the
// screen; a line feed forges a row).
import { oneLine, printable } from '../../shared/printable';
import type { AppError } from '../../shared/types';
import { toAppError } from '../core/failure';
import { lineLog, logFailure, type Log } from '../core/log';

// The escaping rule is shared with the tray, notifications and the window (shared/printable.ts).
export { oneLine, printable };

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** With --verbose: failures (an unexpected one with its stack) traced on stderr. */
  log?: Log;
}

/** The output with a log on its stderr (--verbose). */
export function verbose(out: Output): Output {
  return { ...out, log: lineLog((line) => out.stderr(line)) };
}

export const processOutput: Output = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** The next step, on its own line under what went wrong. */
export function hintLine(error: Pick<AppError, 'hint'> | undefined, indent: string): string {
  return error?.hint ? `\n${indent}\u2192 ${oneLine(error.hint)}` : '';
}

/** A command's failure: `{ "error": … }` on stdout with --json, else the message and the next step on stderr. Exit 1. */
export function reportFailure(out: Output, e: unknown, json: boolean): number {
  logFailure(out.log, 'finch-logins', e);
  const err = toAppError(e);
  if (json) out.stdout(JSON.stringify({ error: err }, null, 2));
  else out.stderr(`finch-logins: ${oneLine(err.message)}${hintLine(err, '  ')}`);
  return 1;
}

/** One registry's line in a login or logout report: "FAILED   host: message", the next step under it. `text` is made
 * of our words and values already passed through oneLine. */
export function hostLine(word: 'ok' | 'FAILED' | 'skipped', host: string, text: string, error?: AppError): string {
  return `${word.padEnd(8)} ${oneLine(host)}${text}${hintLine(error, ' '.repeat(9))}`;
}

/** Paragraphs of our own (split on blank lines), each made one line: a value inside cannot add lines. */
export function paragraphs(text: string): string {
  return text.split('\n\n').map(oneLine).join('\n\n');
}

/** The Output every command gets: nothing reaches the terminal unescaped. */
export function safeOutput(out: Output): Output {
  return { stdout: (t) => out.stdout(printable(t)), stderr: (t) => out.stderr(printable(t)) };
}
