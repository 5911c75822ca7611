// The log a bug leaves: a rotating private file for the app, stderr for the CLI with --verbose; an unexpected
// error with its stack; never a secret, even when a failure's own words carry one.
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { Failure } from '../../main/core/failure';
import { createHandlers } from '../../main/core/handlers';
import { fileLog, lineLog, logFailure, logFileName, redact, secretsOf } from '../../main/core/log';
import { runCli } from '../support/cli';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';

let sb: Sandbox | undefined;
afterEach(() => {
  if (sb) rmSync(sb.dir, { recursive: true, force: true });
  sb = undefined;
});

const secret = 'hunter2-Sekr3t';
/** A finch that repeats the password it was given in its error (as a careless program might). */
const echoingFinch = `#!/bin/sh
case "$1" in
  --version) echo "finch version v1.19.0";;
  login) read -r pw; echo "time=\\"now\\" level=fatal msg=\\"login refused for password $pw\\"" >&2; exit 1;;
  *) exit 1;;
esac
`;

describe('redaction', () => {
  it('finds the secrets of a request and replaces them, longest first', () => {
    expect(secretsOf({ host: 'ghcr.io', username: 'dana', password: 'pw-long', mfaCode: '123456' }).sort()).toEqual(['123456', 'pw-long']);
    expect(redact('pw-long and pw and 123456', ['pw', 'pw-long', '123456', ''])).toBe('*** and *** and ***');
  });
});

describe('the app log file', () => {
  it('is private, keeps lines across runs, and rotates to one previous file', () => {
    sb = makeSandbox({ platform: 'darwin' });
    const dir = path.join(sb.dir, 'state');
    const file = path.join(dir, logFileName);
    const log = fileLog(dir, { maxBytes: 400, now: () => new Date('2026-01-01T00:00:00Z') });
    log.info('started');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('2026-01-01T00:00:00.000Z INFO started\n');
    for (let i = 0; i < 20; i++) log.warn(`line ${i}`);
    expect(statSync(file).size).toBeLessThanOrEqual(400);
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/WARN line \d+/);
    // A new run reads what the last one wrote; the newest lines come last.
    const again = fileLog(dir, { maxBytes: 400 }).recent();
    expect(again.at(-1)).toMatch(/WARN line 19$/);
  });

  it('logs an unexpected error with its stack, a Failure as its kind and message', () => {
    const lines: string[] = [];
    const log = lineLog((l) => lines.push(l));
    logFailure(log, 'getStatus', new TypeError('cannot read x of undefined'));
    logFailure(log, 'login ghcr.io', new Failure('unauthorized', 'ghcr.io refused the username and password.'));
    expect(lines[0]).toMatch(/ ERROR getStatus failed: TypeError: cannot read x of undefined\n\s+at /);
    expect(lines[1]).toMatch(/ WARN login ghcr\.io failed: unauthorized: ghcr\.io refused the username and password\.$/);
  });
});

describe('never a secret in the log', () => {
  it('a login whose failure repeats the password: logged, the password not', async () => {
    sb = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': echoingFinch } });
    const lines: string[] = [];
    const h = createHandlers(currentEnv(sb.vars), { log: lineLog((l) => lines.push(l)) });
    const outcome = await h.login({ host: 'quay.io', username: 'dana', password: secret });
    expect(outcome.result).toBe('failed');
    expect(lines.join('\n')).toMatch(/WARN login quay\.io failed: login-failed: finch login quay\.io failed: login refused for password /);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('an internal error thrown by a handler is logged with its stack, the request\'s secrets redacted', async () => {
    sb = makeSandbox({ platform: 'darwin' });
    const lines: string[] = [];
    const broken = async () => ({
      getPassword: async () => {
        throw new TypeError(`keychain library crashed on ${secret}`);
      },
      setPassword: async () => undefined,
      deletePassword: async () => false,
    });
    sb.write('state/state.json', { version: 1, registries: { 'ghcr.io': { rememberedUser: 'dana' } } });
    const h = createHandlers(currentEnv(sb.vars), { log: lineLog((l) => lines.push(l)), keychain: broken });
    const outcome = await h.login({ host: 'ghcr.io', mfaCode: secret });
    expect(outcome.error?.kind).toBe('internal');
    expect(lines.join('\n')).toMatch(/ERROR login ghcr\.io failed: TypeError: keychain library crashed on \*\*\*\n\s+at /);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('the CLI with --verbose traces on stderr, never the password', async () => {
    sb = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': echoingFinch } });
    const r = await runCli(sb.vars, ['login', 'quay.io', '--username', 'dana', '--password-stdin', '--verbose'], `${secret}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/WARN login quay\.io failed: login-failed/);
    expect(r.stderr).not.toContain(secret);
    const quiet = await runCli(sb.vars, ['login', 'quay.io', '--username', 'dana', '--password-stdin'], `${secret}\n`);
    expect(quiet.stderr).toBe('');
  });
});
