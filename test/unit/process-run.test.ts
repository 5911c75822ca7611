// The one process runner: a time limit that holds even when the program leaves a grandchild holding its output pipes
// (finch → limactl, sudo → finch, a helper script that backgrounds something), and messages that name the program.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programName, run, timeoutMessage } from '../../main/core/process/run';

const sh = '/bin/sh';

/** Whether a process is gone (or a zombie nobody has reaped yet, which holds nothing). */
function gone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return test();
}

describe.skipIf(process.platform === 'win32')('run', () => {
  it('returns when the program exits, even while a grandchild still holds its pipes', async () => {
    const started = Date.now();
    const r = await run(sh, ['-c', 'sleep 5 & echo x'], { timeoutMs: 4_000 });
    // The old runner waited for the pipes to close: 5 s, here past the limit. Anything under the grandchild's
    // lifetime shows the wait was given up.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r).toMatchObject({ code: 0, stdout: 'x\n', timedOut: false, program: 'sh' });
  });

  it('at the limit kills the whole process group and returns without waiting for the pipes', async () => {
    const started = Date.now();
    // sh prints its background sleep's pid and waits: the program hangs and a grandchild holds stdout.
    const r = await run(sh, ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 300 });
    const elapsed = Date.now() - started;
    expect(r.timedOut).toBe(true);
    expect(r.code).toBeNull();
    expect(elapsed).toBeLessThan(3_000);
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    expect(await until(() => gone(grandchild), 2_000)).toBe(true);
    expect(timeoutMessage(r, 300)).toBe('`sh` did not finish within 0.3 s and was stopped.');
  });

  it('passes input on stdin only and reports a program that cannot start', async () => {
    const r = await run(sh, ['-c', 'read line; echo "got $line"; echo err >&2; exit 3'], { input: 's3cret\n', timeoutMs: 5_000 });
    expect(r).toMatchObject({ code: 3, stdout: 'got s3cret\n', stderr: 'err\n', timedOut: false });
    const missing = await run('/nonexistent/finch', ['login'], { timeoutMs: 1_000 });
    expect(missing).toMatchObject({ code: null, spawnError: 'ENOENT', program: 'finch login' });
  });

  it('streams output as it arrives', async () => {
    const chunks: string[] = [];
    await run(sh, ['-c', 'echo one; echo two >&2'], { timeoutMs: 5_000, onOutput: (c, s) => chunks.push(`${s}:${c}`) });
    expect(chunks.sort()).toEqual(['stderr:two\n', 'stdout:one\n']);
  });
});

describe('programName', () => {
  it('names the program and its verbs, never the other arguments', () => {
    expect(programName('/usr/local/bin/finch', ['login', 'ghcr.io', '--username', 'me', '--password-stdin'])).toBe('finch login');
    expect(programName('/usr/bin/sudo', ['-n', '-E', '/usr/local/bin/finch', 'vm', 'stop'])).toBe('finch vm stop');
    expect(programName('/usr/bin/sudo', ['-n', 'DOCKER_CONFIG=/root/.docker', '/usr/local/bin/finch', 'login', 'ghcr.io'])).toBe('finch login');
    expect(programName('/usr/bin/pkexec', ['/usr/bin/finch', 'logout', 'public.ecr.aws'])).toBe('finch logout');
    expect(programName('/opt/bin/docker-credential-pass', ['list'])).toBe('docker-credential-pass list');
    expect(programName('/usr/local/bin/aws', ['sso', 'login', '--profile', 'dev'])).toBe('aws sso login');
    expect(programName('C:\\Program Files\\Finch\\bin\\finch.exe'.replace(/\\/g, '/'), ['--version'])).toBe('finch');
  });
});
