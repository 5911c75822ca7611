// The trace a bug leaves: what failed, where (an internal error's stack), and when. The app writes it to a small
// rotating file in its state folder; the CLI writes it to stderr with --verbose; tests and the e2e harness keep it
// in memory. "Copy diagnostics" in Settings includes the recent lines.
//
// Never a secret: callers log channel names, failure kinds, messages and stacks — never a request — and every line
// goes through `redact` with the secrets the caller knows of (a login's password, an MFA code) before it is kept.
import { appendFileSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { Failure } from './failure';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** The last lines kept, oldest first (for diagnostics). */
  recent(): string[];
}

export const logFileName = 'finch-logins.log';
/** The file is rotated (one previous copy, `.1`) when it grows past this. */
export const logMaxBytes = 512 * 1024;
const recentLines = 200;

/** A log that keeps nothing: the default where no shell supplied one. */
export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined, recent: () => [] };

/** Each secret replaced by "***" (longer secrets first, so one that contains another is replaced whole). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return out;
}

/** The values of a request that are secrets (a password, an MFA code), wherever they sit in it. */
export function secretsOf(request: unknown): string[] {
  if (typeof request !== 'object' || request === null) return [];
  return Object.entries(request).flatMap(([k, v]) =>
    typeof v === 'string' ? (secretKeys.has(k) ? [v] : []) : typeof v === 'object' ? secretsOf(v) : [],
  );
}
const secretKeys = new Set(['password', 'mfaCode', 'secret', 'token', 'identitytoken']);

/** "what failed: kind: message" for a Failure (expected); an unexpected error with its stack. */
export function describeFailure(what: string, e: unknown): string {
  if (e instanceof Failure) return `${what} failed: ${e.kind}: ${e.message}`;
  if (e instanceof Error) return `${what} failed: ${e.stack ?? `${e.name}: ${e.message}`}`;
  return `${what} failed: ${String(e)}`;
}

/** Logs a failure, the secrets the caller knows of replaced: a Failure as a warning, anything else as an error. */
export function logFailure(log: Log | undefined, what: string, e: unknown, secrets: readonly string[] = []): void {
  if (!log) return;
  const text = redact(describeFailure(what, e), secrets);
  if (e instanceof Failure) log.warn(text);
  else log.error(text);
}

type Level = 'INFO' | 'WARN' | 'ERROR';

/** A Log over any line writer, keeping the last lines in memory for recent(). */
export function lineLog(write: (line: string) => void, now: () => Date = () => new Date()): Log {
  const kept: string[] = [];
  const put = (level: Level, text: string) => {
    const line = `${now().toISOString()} ${level} ${text}`;
    kept.push(line);
    if (kept.length > recentLines) kept.splice(0, kept.length - recentLines);
    try {
      write(line);
    } catch {
      // A log that cannot be written must not break what is being logged.
    }
  };
  return {
    info: (m) => put('INFO', m),
    warn: (m) => put('WARN', m),
    error: (m) => put('ERROR', m),
    recent: () => [...kept],
  };
}

/**
 * The app's log: `finch-logins.log` in the state folder (private, like the state), rotated to `.log.1` past
 * `maxBytes`. recent() reads the file, so it includes what an earlier run of the app wrote.
 */
export function fileLog(stateDir: string, opts: { maxBytes?: number; now?: () => Date } = {}): Log {
  const file = path.join(stateDir, logFileName);
  const maxBytes = opts.maxBytes ?? logMaxBytes;
  const log = lineLog((line) => {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      // no file yet
    }
    if (size > 0 && size + line.length + 1 > maxBytes) renameSync(file, `${file}.1`);
    appendFileSync(file, line + '\n', { mode: 0o600 });
  }, opts.now);
  return {
    ...log,
    recent: () => {
      const lines = [`${file}.1`, file].flatMap((f) => {
        try {
          return readFileSync(f, 'utf8').split('\n').filter(Boolean);
        } catch {
          return [];
        }
      });
      return lines.slice(-recentLines);
    },
  };
}
