// Running `finch vm stop|start` with a limit that really holds: finch starts helpers of its own (limactl, ssh …)
// that inherit its output pipes, so killing finch alone would leave the pipes open and the wait going on. The
// command gets its own process group, and at the limit the whole group is killed and the wait ends at once.
import { spawn } from 'node:child_process';

export interface BoundedResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
}

export function runBounded(
  file: string,
  args: readonly string[],
  opts: { timeoutMs: number; env: Record<string, string | undefined>; onOutput: (chunk: string, stream: 'stdout' | 'stderr') => void },
): Promise<BoundedResult> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(file, args, {
      env: opts.env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const done = (r: BoundedResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      // Whatever still holds the pipes, the limit is the limit.
      done({ code: null, stderr, timedOut });
    }, opts.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => !settled && opts.onOutput(c, 'stdout'));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (settled) return;
      stderr += c;
      opts.onOutput(c, 'stderr');
    });
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, stderr, timedOut, spawnError: e.code ?? e.message }));
    child.on('close', (code) => done({ code, stderr, timedOut }));
  });
}
