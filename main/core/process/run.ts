// Running other programs: always an absolute path and an argv array (no shell), input only on stdin,
// a hard time limit, and output captured rather than inherited. Never throws for the program's own failures.
import { spawn } from 'node:child_process';

export interface RunOptions {
  input?: string;
  timeoutMs: number;
  env?: Record<string, string | undefined>;
  /** Called with each chunk of output as it arrives (used for live VM logs). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES …). */
  spawnError?: string;
}

export function run(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const done = (r: RunResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(r);
      }
    };
    const child = spawn(file, args, { env: opts.env as NodeJS.ProcessEnv | undefined, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      opts.onOutput?.(c, 'stdout');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      opts.onOutput?.(c, 'stderr');
    });
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, stdout, stderr, timedOut, spawnError: e.code ?? e.message }));
    child.on('close', (code) => done({ code, stdout, stderr, timedOut }));
    // A program that exits without reading stdin makes the write fail with EPIPE: that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}
