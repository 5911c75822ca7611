// The one finch executor (main/core/finch/finch.ts): Finch's logrus output read once, expected failures returned,
// the rest thrown in words; and how every call is set up (DOCKER_CONFIG per platform).
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { finch, finchMessage, parseLogLine } from '../../main/core/finch/finch';
import { finchInvocation, finchVars } from '../../main/core/login/finch-invocation';
import { noLoginToErase } from '../../main/core/login/finch-login';
import { resolvePaths } from '../../main/core/paths';
import type { Platform } from '../../shared/types';
import { makeSandbox } from '../support/sandbox-home';

// What Finch 1.18 prints for `finch logout` of a keychain-backed host that holds no login (cmd/finch/logout_local.go).
const logoutNoLogin =
  'time="2026-11-30T10:00:00Z" level=error msg="Failed to erase credentials for: ghcr.io" error="error erasing credentials - err: exit status 1, out: `The specified item could not be found in the keychain.`"\n' +
  'time="2026-11-30T10:00:00Z" level=fatal msg="error erasing credentials - err: exit status 1, out: `The specified item could not be found in the keychain.`"\n';

describe('reading Finch\u2019s logrus lines', () => {
  it('parses level, message and fields, quoted or bare; anything else is not a log line', () => {
    expect(parseLogLine('time="2026-11-30T10:00:00Z" level=info msg="Starting existing Finch virtual machine..."')).toEqual({
      level: 'info',
      msg: 'Starting existing Finch virtual machine...',
      fields: {},
    });
    expect(parseLogLine('time="t" level=fatal msg="unknown command \\"vm\\" for \\"finch\\""')!.msg).toBe('unknown command "vm" for "finch"');
    expect(parseLogLine('time=2026-11-30T10:00:00Z level=error msg=nowhere.example')).toMatchObject({ level: 'error', msg: 'nowhere.example' });
    expect(parseLogLine(logoutNoLogin.split('\n')[0]!)!.fields.error).toMatch(/could not be found in the keychain/);
    expect(parseLogLine('Login Succeeded')).toBeNull();
    expect(parseLogLine('WARNING! Your password will be stored unencrypted')).toBeNull();
  });

  it('Finch\u2019s message is the fatal line, not the first error line', () => {
    expect(finchMessage(logoutNoLogin)).toMatch(/^error erasing credentials .*could not be found in the keychain/);
    expect(finchMessage('time="t" level=error msg="Dependency error" error="curl failed"\n')).toBe('Dependency error: curl failed');
    expect(finchMessage('', 'plain words\n')).toBe('plain words');
  });

  it('a logout with no login to erase is recognised from any of the lines', () => {
    const log = logoutNoLogin.split('\n').map(parseLogLine).filter((l) => l !== null);
    expect(noLoginToErase(log)).toBe(true);
    expect(noLoginToErase([{ level: 'fatal', msg: 'dial tcp: connection refused', fields: {} }])).toBe(false);
    expect(noLoginToErase([{ level: 'fatal', msg: 'exec: "docker-credential-x": executable file not found in $PATH', fields: {} }])).toBe(false);
  });
});

describe('finch(): expected failures are answers, the rest are Failures in words', () => {
  const script = (body: string) => {
    const sb = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': `#!/bin/sh\n${body}\n` } });
    return { file: sb.file('bin/finch'), prefix: [], env: { PATH: '/usr/bin:/bin' }, finchPath: sb.file('bin/finch') };
  };

  it('returns stdout on success and an expected failure by name', async () => {
    expect((await finch(script('echo Running'), ['vm', 'status'], { timeoutMs: 5_000 })).stdout).toBe('Running\n');
    const inv = script(`printf '%s' '${logoutNoLogin.replace(/'/g, "'\\''")}' >&2; exit 1`);
    const r = await finch(inv, ['logout', 'ghcr.io'], { timeoutMs: 5_000, expected: { 'no-login': noLoginToErase } });
    expect(r.expected).toBe('no-login');
  });

  it('throws the caller\u2019s Failure, or a finch-failed one naming the command; a missing program and a hang too', async () => {
    const fatal = script('echo \'time="t" level=fatal msg="failed to load config: failed to unmarshal config file: yaml: line 1: did not find expected node content"\' >&2; exit 1');
    await expect(finch(fatal, ['vm', 'status'], { timeoutMs: 5_000 })).rejects.toMatchObject({
      kind: 'finch-failed',
      message: '`finch vm status` failed: failed to load config: failed to unmarshal config file: yaml: line 1: did not find expected node content',
    });
    await expect(finch({ file: '/nonexistent/finch', prefix: [], env: {}, finchPath: '/nonexistent/finch' }, ['--version'], { timeoutMs: 5_000 })).rejects.toMatchObject({ kind: 'finch-missing' });
    await expect(finch(script('exec /bin/sleep 5'), ['login'], { timeoutMs: 200, timeout: { doing: 'logging in to ghcr.io' } })).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/^`finch login` did not finish within 0.2 s and was stopped\. \(logging in to ghcr\.io\)$/),
    });
  });
});

describe('every finch call names the config.json the status reads (DOCKER_CONFIG)', () => {
  it.each([
    ['darwin', 'home/.finch'],
    ['win32', 'home/AppData/Local/.finch'],
  ] as const)('%s: %s (Finch 1.15.0 on macOS would otherwise write ~/.docker; Windows %%USERPROFILE%%\\.finch)', (platform: Platform, rel) => {
    const sb = makeSandbox({ platform, programs: { 'bin/finch': '#!/bin/sh\n' } });
    const env = currentEnv(sb.vars);
    expect(finchInvocation(env, resolvePaths(env)).env.DOCKER_CONFIG).toBe(sb.file(rel));
  });

  it('Linux: root\u2019s ~/.docker, also under `sudo -E` where HOME is still the user\u2019s', () => {
    const sb = makeSandbox({ platform: 'linux', programs: { 'bin/finch': '#!/bin/sh\n' }, vars: { SUDO_USER: 'dana' } });
    const env = currentEnv(sb.vars);
    // Given by name through sudo and pkexec too (they drop the rest of the environment).
    expect(finchVars(env, resolvePaths(env)).DOCKER_CONFIG).toBe(sb.file('root/root/.docker'));
  });
});
