// Where the CLI writes, and how a failure reads: every command writes through an Output (injected, so commands are
// testable in-process), and every failure goes through reportFailure, so `--json` and the hint are honoured alike.
import type { AppError } from '../../shared/types';
import { toAppError } from '../core/failure';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processOutput: Output = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** The next step, on its own line under what went wrong. */
export function hintLine(error: Pick<AppError, 'hint'> | undefined, indent: string): string {
  return error?.hint ? `\n${indent}\u2192 ${error.hint}` : '';
}

/** A command's failure: `{ "error": … }` on stdout with --json, else the message and the next step on stderr. Exit 1. */
export function reportFailure(out: Output, e: unknown, json: boolean): number {
  const err = toAppError(e);
  if (json) out.stdout(JSON.stringify({ error: err }, null, 2));
  else out.stderr(`finch-logins: ${err.message}${hintLine(err, '  ')}`);
  return 1;
}

/** One registry's line in a login or logout report: "FAILED   host: message", the next step under it. */
export function hostLine(word: 'ok' | 'FAILED' | 'skipped', host: string, text: string, error?: AppError): string {
  return `${word.padEnd(8)} ${host}${text}${hintLine(error, ' '.repeat(9))}`;
}
