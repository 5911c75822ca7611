// The one way the app runs finch: `finch(inv, args, options)` runs it through the process runner (absolute path,
// argv, stdin only, a real deadline), reads Finch's output the way Finch writes it, and either returns the answer —
// a success, or one of the failures the caller said it expects — or throws a Failure in words. In the spirit of
// GitHub Desktop's single `git()` with its expected errors: callers say what they expect, nothing else parses.
//
// How Finch reports (runfinch/finch cmd/finch/main.go, v1.14–1.18): logrus text lines on stderr,
// `time="…" level=info|warning|error|fatal msg="…" [error="…"]`; a failed command ends with one `level=fatal` line
// and exit 1; when a program Finch runs fails, Finch exits with that program's code and may print nothing itself.
//
// One finch command at a time per finch.yaml, across the app's processes, until it has rewritten the file
// (finch-lock.ts): each rewrites it in place when it starts, and two at once can write Finch's defaults over the
// user's settings.
import type { ErrorKind } from '../../../shared/ids';
import { Failure } from '../failure';
import { programName, run, timeoutMessage, type RunResult } from '../process/run';
import { finchLockWaitMs, withFinchLock } from './finch-lock';
import type { Invocation } from '../login/finch-invocation';

/** Finch older than this ran `finch login` inside its VM (host logins arrived in 1.15.0, cmd/finch/login_local.go). */
export const hostLoginSince = '1.15.0';

/** Finch's sentence when the VM was never created (cmd/finch/virtual_machine_start.go says to run `finch vm init`). */
export const vmNotCreated = 'The Finch VM has not been created yet';

export interface LogLine {
  level: string;
  msg: string;
  /** Other fields, e.g. `error` (logrus WithError). */
  fields: Record<string, string>;
}

/** One logrus text line → its level, message and fields; null for anything else (a child's plain output). */
export function parseLogLine(line: string): LogLine | null {
  const fields: Record<string, string> = {};
  const re = /\s*([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(line)) !== null && m[0] !== '') {
    const raw = m[2]!;
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw.slice(1, -1).replace(/\\"/g, '"');
      }
    }
    fields[m[1]!] = value;
    end = re.lastIndex;
  }
  if (end < line.trimEnd().length || fields.level === undefined || fields.msg === undefined) return null;
  const { level, msg, time: _time, ...rest } = fields;
  return { level: level!, msg: msg!, fields: rest };
}

export function parseLog(stderr: string): LogLine[] {
  return stderr.split('\n').map(parseLogLine).filter((l): l is LogLine => l !== null);
}

/** What Finch said went wrong: the fatal line, else the last error line (with its error field), else the last line. */
export function finchMessage(stderr: string, stdout = ''): string {
  const log = parseLog(stderr);
  const fatal = log.filter((l) => l.level === 'fatal').pop();
  if (fatal) return fatal.msg.trim();
  const err = log.filter((l) => l.level === 'error').pop();
  if (err) return (err.fields.error ? `${err.msg}: ${err.fields.error}` : err.msg).trim();
  const text = stderr.trim() || stdout.trim();
  return (text.split('\n').filter(Boolean).pop() ?? '').trim();
}

export interface FinchResult {
  code: number;
  stdout: string;
  stderr: string;
  log: LogLine[];
  /** Finch's own words when it failed (see finchMessage); '' on success. */
  message: string;
  /** The name of the expected failure this is, when the command failed in a way the caller expects. */
  expected?: string;
}

export interface FinchOptions {
  timeoutMs: number;
  input?: string;
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Failures that are an answer, not an error: a name → a test on Finch's log lines (all of them, not only the last). */
  expected?: Record<string, (log: LogLine[], r: FinchResult) => boolean>;
  /** What an unexpected failure means for this call; by default "`finch <verb>` failed: <Finch's message>". */
  failure?: (message: string, r: FinchResult) => Failure;
  /** The error kind and hint for the time limit ("timeout" by default). */
  timeout?: { kind?: ErrorKind; hint?: string; doing?: string };
  /** How long to wait for the finch commands before this one (finchLockWaitMs by default); then a 'finch-busy' Failure. */
  lockWaitMs?: number;
}

export async function finch(inv: Invocation, args: readonly string[], opts: FinchOptions): Promise<FinchResult> {
  const argv = [...inv.prefix, ...args];
  return readFinch(
    await oneAtATime(inv, programName(inv.file, argv), opts, () =>
      run(inv.file, argv, {
        timeoutMs: opts.timeoutMs,
        env: inv.env,
        ...(opts.input !== undefined ? { input: opts.input } : {}),
        ...(opts.onOutput ? { onOutput: opts.onOutput } : {}),
      }),
    ),
    opts,
  );
}

/**
 * Runs one finch command made by `start` — here, or by the Linux root session (root-session.ts) — once the app's
 * other finch commands on this finch.yaml have rewritten it (finch-lock.ts).
 */
export function oneAtATime(inv: Invocation, program: string, opts: Pick<FinchOptions, 'lockWaitMs'>, start: () => Promise<RunResult>): Promise<RunResult> {
  return withFinchLock(inv.paths, `\`${program}\``, opts.lockWaitMs ?? finchLockWaitMs, start, { untilRewritten: true });
}

/** Finch's answer from a finished run: also for runs made another way (the Linux root session, root-session.ts). */
export function readFinch(r: RunResult, opts: FinchOptions): FinchResult {
  if (r.spawnError) throw new Failure('finch-missing', `Finch could not be started (${r.spawnError}).`, 'Reinstall Finch from https://runfinch.com, or set FINCH_LOGINS_FINCH.');
  if (r.timedOut) {
    const t = opts.timeout ?? {};
    throw new Failure(
      t.kind ?? 'timeout',
      `${timeoutMessage(r, opts.timeoutMs)}${t.doing ? ` (${t.doing})` : ''}`,
      t.hint ?? 'Check that Finch answers (`finch vm status` in a terminal), then try again.',
    );
  }
  const result: FinchResult = { code: r.code ?? 1, stdout: r.stdout, stderr: r.stderr, log: parseLog(r.stderr), message: '' };
  if (result.code === 0) return result;
  result.message = finchMessage(r.stderr, r.stdout);
  for (const [name, test] of Object.entries(opts.expected ?? {})) {
    if (test(result.log, result)) return { ...result, expected: name };
  }
  if (opts.failure) throw opts.failure(result.message, result);
  throw new Failure('finch-failed', `\`${r.program}\` failed: ${result.message || `exit code ${result.code}`}`, `Run \`${r.program}\` in a terminal to see Finch's own error.`);
}
