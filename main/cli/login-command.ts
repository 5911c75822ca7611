// finch-logins login <host>... [--profile P] [--username U --password-stdin] [--remember] [--json]
// finch-logins login --all [--relogin] [--json]
// finch-logins logout <host>... [--forget]
import { formatRemaining } from '../../shared/format';
import type { LoginOutcome, LoginRequest } from '../../shared/types';
import { UsageError, type Env } from '../core/env';
import { isUtf8 } from 'node:buffer';
import { Failure, toAppError } from '../core/failure';
import { logFailure } from '../core/log';
import { loginAll, loginMany, logout } from '../core/login/login-service';
import { parseArgs } from './args';
import { hostLine, oneLine, reportFailure, type Output } from './output';

export interface CliInput {
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

/**
 * Standard input as text. Passwords travel as text from here to `finch login`'s stdin and the keychain; bytes that are
 * not UTF-8 would be replaced on the way (4 bytes in, 8 out), so they are refused rather than altered.
 */
export function stdinText(bytes: Buffer): string {
  if (!isUtf8(bytes)) {
    throw new Failure(
      'password-not-utf8',
      `The password read from standard input is not UTF-8 text (${bytes.length} bytes), and Finch Logins will not change it on the way to finch.`,
      'Pass the password as UTF-8 text, or log in with `finch login --password-stdin` directly.',
    );
  }
  return bytes.toString('utf8');
}

export const processInput: CliInput = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return stdinText(Buffer.concat(chunks));
  },
};

export function renderOutcome(o: LoginOutcome, now: Date): string {
  if (o.result === 'logged-in') {
    const parts = [o.profile ? `profile ${o.profile}` : '', o.expiresAt ? `expires in ${formatRemaining(Date.parse(o.expiresAt) - now.getTime())}` : ''].filter(Boolean);
    const warning = o.warning ? `\n         warning: ${oneLine(o.warning.message)}${o.warning.hint ? ` → ${oneLine(o.warning.hint)}` : ''}` : '';
    return hostLine('ok', o.host, `${parts.length ? `  (${oneLine(parts.join(', '))})` : ''}${warning}`);
  }
  return hostLine(o.result === 'skipped' ? 'skipped' : 'FAILED', o.host, `: ${oneLine(o.error?.message ?? '')}`, o.error);
}

/** `login --all` found nothing due: say why, and how to redo valid logins anyway. */
function nothingToDo(relogin: boolean): string {
  return relogin ? 'No registries to log in to.' : 'No login is expired, expiring or missing. (`finch-logins login --all --relogin` redoes them all.)';
}

export async function loginCommand(argv: string[], env: Env, out: Output, input: CliInput = processInput): Promise<number> {
  const { flags, positionals } = parseArgs(argv, {
    all: 'boolean', relogin: 'boolean', json: 'boolean', profile: 'string', username: 'string', 'password-stdin': 'boolean', remember: 'boolean', 'mfa-code': 'string',
  });
  let outcomes: LoginOutcome[];
  if (flags.all) {
    if (positionals.length || flags.profile || flags.username || flags['password-stdin']) throw new UsageError('--all takes no hosts, --profile or password');
    try {
      outcomes = await loginAll(env, { log: out.log }, flags.relogin ? 'relogin' : 'renew');
    } catch (e) {
      // A batch that could not start at all (config.json is not valid): one message, not one per registry.
      return reportFailure(out, e, !!flags.json);
    }
  } else {
    if (flags.relogin) throw new UsageError('--relogin goes with --all');
    if (positionals.length === 0) throw new UsageError('name at least one registry host, or use --all');
    if (flags['password-stdin'] && !flags.username) throw new UsageError('--password-stdin needs --username');
    if (flags.username && !flags['password-stdin']) throw new UsageError('--username needs --password-stdin (passwords are never taken from the command line)');
    if (flags.remember && !flags['password-stdin']) throw new UsageError('--remember goes with --username and --password-stdin');
    let password: string | undefined;
    if (flags['password-stdin']) {
      // Like docker: the whole of stdin, without its trailing newline.
      password = (await input.readStdin()).replace(/\r?\n$/, '');
      if (password === '') throw new UsageError('--password-stdin read an empty password');
    }
    const base: Omit<LoginRequest, 'host'> = {
      ...(typeof flags.profile === 'string' ? { profile: flags.profile } : {}),
      ...(typeof flags.username === 'string' ? { username: flags.username } : {}),
      ...(password !== undefined ? { password, remember: !!flags.remember } : {}),
      ...(typeof flags['mfa-code'] === 'string' ? { mfaCode: flags['mfa-code'] } : {}),
    };
    try {
      outcomes = await loginMany(env, positionals.map((host) => ({ ...base, host })), { log: out.log });
    } catch (e) {
      return reportFailure(out, e, !!flags.json);
    }
  }
  const now = env.now();
  out.stdout(flags.json ? JSON.stringify({ results: outcomes }, null, 2) : outcomes.map((o) => renderOutcome(o, now)).join('\n') || nothingToDo(!!flags.relogin));
  return outcomes.some((o) => o.result === 'failed') ? 1 : 0;
}

export async function logoutCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { forget: 'boolean', json: 'boolean' });
  if (positionals.length === 0) throw new UsageError('name at least one registry host to log out of');
  let failed = false;
  const results = [];
  for (const host of positionals) {
    try {
      await logout(env, { host, forget: !!flags.forget });
      results.push({ host, result: 'logged-out' as const });
    } catch (e) {
      failed = true;
      logFailure(out.log, `logout ${host}`, e);
      results.push({ host, result: 'failed' as const, error: toAppError(e) });
    }
  }
  out.stdout(
    flags.json
      ? JSON.stringify({ results }, null, 2)
      : results.map((r) => (r.result === 'failed' ? hostLine('FAILED', r.host, `: ${oneLine(r.error!.message)}`, r.error) : hostLine('ok', r.host, ' logged out'))).join('\n'),
  );
  return failed ? 1 : 0;
}
