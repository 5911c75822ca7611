// The one finch executor (main/core/finch/finch.ts): Finch's logrus output read once, expected failures returned,
// the rest thrown in words; and how every call is set up (DOCKER_CONFIG per platform).
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { finch, finchMessage, parseLogLine } from '../../main/core/finch/finch';
import { finchLockDir, whenNotRewriting } from '../../main/core/finch/finch-lock';
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
    return { file: sb.file('bin/finch'), prefix: [], env: { PATH: '/usr/bin:/bin' }, finchPath: sb.file('bin/finch'), paths: resolvePaths(currentEnv(sb.vars)) };
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
    await expect(finch({ ...script(''), file: '/nonexistent/finch', finchPath: '/nonexistent/finch' }, ['--version'], { timeoutMs: 5_000 })).rejects.toMatchObject({ kind: 'finch-missing' });
    await expect(finch(script('exec /bin/sleep 5'), ['login'], { timeoutMs: 200, timeout: { doing: 'logging in to ghcr.io' } })).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/^`finch login` did not finish within 0.2 s and was stopped\. \(logging in to ghcr\.io\)$/),
    });
  });
});

describe('finch(): one command at a time per finch.yaml (each rewrites it in place when it starts)', () => {
  // A finch that notes when it starts and ends, taking 150 ms in between.
  const timed = () => {
    const sb = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': `#!/bin/sh\necho "start $1 $(date +%s%N)" >> "$LOG"\nsleep \${SLEEP:-0.15}\necho "end $1 $(date +%s%N)" >> "$LOG"\n` } });
    const log = sb.file('calls.log');
    const inv = { file: sb.file('bin/finch'), prefix: [], env: { PATH: '/usr/bin:/bin', LOG: log }, finchPath: sb.file('bin/finch'), paths: resolvePaths(currentEnv(sb.vars)) };
    const calls = () =>
      readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([what, who, ns]) => ({ what, who, at: BigInt(ns!) }));
    return { inv, calls, stateDir: inv.paths.stateDir };
  };

  it('calls made at once run one after the other, and no lock entry is left behind', async () => {
    const { inv, calls, stateDir } = timed();
    await Promise.all(['a', 'b', 'c', 'd'].map((w) => finch(inv, [w], { timeoutMs: 5_000 })));
    const seen = calls();
    expect(seen).toHaveLength(8);
    // start, end, start, end …: never two finch processes at once.
    expect(seen.map((c) => c.what)).toEqual(['start', 'end', 'start', 'end', 'start', 'end', 'start', 'end']);
    for (let i = 0; i < 8; i += 2) expect(seen[i]!.who).toBe(seen[i + 1]!.who);
    const lock = finchLockDir(inv.paths);
    expect(path.dirname(lock)).toBe(path.join(stateDir, 'locks'));
    expect(readdirSync(lock)).toEqual([]);
  });

  it('the next command starts once finch has rewritten finch.yaml, not when it exits', async () => {
    // Like Finch: it starts (100 ms here), truncates and writes finch.yaml (the shell's `>`), then does its own work
    // (300 ms).
    const sb = makeSandbox({
      platform: 'darwin',
      programs: { 'bin/finch': `#!/bin/sh\necho "start $(date +%s%N)" >> "$LOG"\nsleep 0.1\nprintf 'cpus: 4 # %s\\n' "$1" > "$YAML"\nsleep 0.3\necho "end $(date +%s%N)" >> "$LOG"\n` },
    });
    const paths = resolvePaths(currentEnv(sb.vars));
    mkdirSync(path.dirname(paths.finchYaml), { recursive: true });
    const log = sb.file('calls.log');
    const inv = { file: sb.file('bin/finch'), prefix: [], env: { PATH: '/usr/bin:/bin', LOG: log, YAML: paths.finchYaml }, finchPath: sb.file('bin/finch'), paths };
    // Names of different lengths: each rewrite changes the file's size, so it is seen whatever the file clock.
    await Promise.all(['a', 'bb', 'ccc', 'dddd'].map((w) => finch(inv, [w], { timeoutMs: 5_000 })));
    const events = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([what, ns]) => ({ what, ms: Number(BigInt(ns!) / 1_000_000n) }));
    const starts = events.filter((e) => e.what === 'start').map((e) => e.ms);
    // Each starts only after the one before has rewritten finch.yaml (100 ms after its start)…
    for (let i = 1; i < 4; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(100);
    // …but before it has ended: the second starts while the first is still at its own work.
    expect(events.slice(0, 2).map((e) => e.what)).toEqual(['start', 'start']);
  });

  it('finch.yaml is read when no finch of ours is half-way through rewriting it (truncated, not yet written)', async () => {
    const sb = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': `#!/bin/sh\nsleep 0.1\n: > "$YAML"\nsleep 0.3\nprintf 'cpus: 4\\n' > "$YAML"\nsleep 0.2\n` } });
    const paths = resolvePaths(currentEnv(sb.vars));
    sb.write('home/.finch/finch.yaml', 'cpus: 4\n');
    const inv = { file: sb.file('bin/finch'), prefix: [], env: { PATH: '/usr/bin:/bin', YAML: paths.finchYaml }, finchPath: sb.file('bin/finch'), paths };
    const running = finch(inv, ['vm', 'status'], { timeoutMs: 5_000 });
    // Asked while the file is empty (between 0.1 s and 0.4 s): the read waits for the rewrite.
    await new Promise((r) => setTimeout(r, 250));
    expect(await whenNotRewriting(paths, 5_000, () => readFile(paths.finchYaml, 'utf8'))).toBe('cpus: 4\n');
    await running;
  });

  it('a call that cannot wait (a status read behind a VM start) gives up at its own bound and says why', async () => {
    const { inv, calls } = timed();
    const long = finch({ ...inv, env: { ...inv.env, SLEEP: '1' } }, ['long'], { timeoutMs: 5_000 });
    // Asked once the long one is running (and so holds the lock).
    while (!existsSync(inv.env.LOG) || !readFileSync(inv.env.LOG, 'utf8').includes('start long')) await new Promise((r) => setTimeout(r, 10));
    await expect(finch(inv, ['vm', 'status'], { timeoutMs: 5_000, lockWaitMs: 50 })).rejects.toMatchObject({
      kind: 'finch-busy',
      message: expect.stringMatching(/^`finch vm status` did not run: another finch command of Finch Logins/),
    });
    await long;
    // The one that gave up never ran; the next caller is not held up by it.
    expect(calls().map((c) => c.who)).toEqual(['long', 'long']);
    await finch(inv, ['next'], { timeoutMs: 5_000, lockWaitMs: 1_000 });
    expect(calls().map((c) => c.who)).toEqual(['long', 'long', 'next', 'next']);
  });

  it('a hung finch is killed at its limit and the lock goes to the next at once', async () => {
    const { inv, calls } = timed();
    const hung = { ...inv, env: { ...inv.env, LOG: '/dev/null' }, file: makeSandbox({ platform: 'darwin', programs: { 'bin/finch': '#!/bin/sh\nexec /bin/sleep 30\n' } }).file('bin/finch') };
    const began = Date.now();
    const stuck = finch(hung, ['login'], { timeoutMs: 300 }).catch((e: unknown) => e);
    await finch(inv, ['after'], { timeoutMs: 5_000, lockWaitMs: 3_000 });
    expect(await stuck).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(calls().map((c) => c.who)).toEqual(['after', 'after']);
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
