// The CLI's option parsing (node:util parseArgs, strict) and how every command reports a failure: the message and
// the next step for people, `{ "error": … }` for scripts with --json.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../main/cli/args';
import { UsageError } from '../../main/core/env';
import { Failure } from '../../main/core/failure';
import { runCli } from '../support/cli';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';

const failing = vi.hoisted(() => ({ status: null as Error | null, checks: null as Error | null }));
vi.mock('../../main/core/status', async (original) => {
  const real = await original<typeof import('../../main/core/status')>();
  return { ...real, readStatus: async (...a: Parameters<typeof real.readStatus>) => (failing.status ? Promise.reject(failing.status) : real.readStatus(...a)) };
});
vi.mock('../../main/core/health/run-checks', async (original) => {
  const real = await original<typeof import('../../main/core/health/run-checks')>();
  return { ...real, runChecks: async (...a: Parameters<typeof real.runChecks>) => (failing.checks ? Promise.reject(failing.checks) : real.runChecks(...a)) };
});

describe('parseArgs', () => {
  const spec = { json: 'boolean', profile: 'string' } as const;
  const usage = (argv: string[]) => {
    try {
      parseArgs(argv, spec);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      return (e as Error).message;
    }
    return 'no error';
  };

  it('takes known options and positionals, in any order', () => {
    expect(parseArgs(['a', '--profile', 'dev', 'b', '--json'], spec)).toEqual({ positionals: ['a', 'b'], flags: { profile: 'dev', json: true } });
    expect(parseArgs(['--profile=dev'], spec).flags).toEqual({ profile: 'dev' });
    expect(parseArgs(['--', '--json'], spec)).toEqual({ positionals: ['--json'], flags: {} });
  });

  it('refuses what it does not know, in our words', () => {
    expect(usage(['--jsn'])).toBe('unknown option --jsn');
    expect(usage(['-x'])).toBe('unknown option -x');
    expect(usage(['--profile'])).toBe('--profile needs a value');
    expect(usage(['--profile', '--json'])).toBe('--profile needs a value');
    expect(usage(['--json=yes'])).toBe('--json takes no value');
  });
});

describe('failures honour --json and keep the hint', () => {
  let sb: Sandbox;
  afterEach(() => {
    failing.status = failing.checks = null;
    rmSync(sb.dir, { recursive: true, force: true });
  });
  const busy = new Failure('state-busy', 'Another Finch Logins process is holding state.', 'Try again in a moment.');

  it.each([
    ['status', 'status'],
    ['doctor', 'checks'],
  ] as const)('%s', async (command, which) => {
    sb = makeSandbox({ platform: 'darwin' });
    failing[which] = busy;
    const human = await runCli(sb.vars, [command]);
    expect(human).toEqual({ code: 1, stdout: '', stderr: 'finch-logins: Another Finch Logins process is holding state.\n  \u2192 Try again in a moment.\n' });
    const json = await runCli(sb.vars, [command, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'state-busy', message: 'Another Finch Logins process is holding state.', hint: 'Try again in a moment.' } });
  });

  it('an unexpected error is internal, with the bug hint', async () => {
    sb = makeSandbox({ platform: 'darwin' });
    failing.status = new TypeError('x is undefined');
    const r = await runCli(sb.vars, ['status', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ error: { kind: 'internal', message: 'x is undefined', hint: expect.stringContaining('bug') } });
  });

  it('logout says the next step under a failed host', async () => {
    sb = makeSandbox({ platform: 'darwin' }); // no finch anywhere
    const r = await runCli(sb.vars, ['logout', 'ghcr.io']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('FAILED   ghcr.io: Finch was not found.\n         \u2192 Install Finch from https://runfinch.com, or set FINCH_LOGINS_FINCH to the finch program.\n');
    const json = await runCli(sb.vars, ['logout', 'ghcr.io', '--json']);
    expect(JSON.parse(json.stdout).results[0]).toMatchObject({ host: 'ghcr.io', result: 'failed', error: { kind: 'finch-missing', hint: expect.stringContaining('Install Finch') } });
  });

  it('sso commands fail like the others: the next step for people, { "error" } with --json', async () => {
    sb = makeSandbox({ platform: 'darwin' }); // no ~/.aws/config: no IAM Identity Center session
    const human = await runCli(sb.vars, ['sso', 'accounts']);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('finch-logins: No IAM Identity Center session is set up.\n  \u2192 Add an [sso-session] to ~/.aws/config, or sign in with --start-url URL --region REGION.\n');
    const json = await runCli(sb.vars, ['sso', 'accounts', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { kind: 'sso-no-session', message: 'No IAM Identity Center session is set up.', hint: expect.stringContaining('[sso-session]') } });
  });
});
