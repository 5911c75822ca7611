// Running other programs — finch, the credential helpers, aws, osascript — all through here: always an absolute path
// and an argv array (no shell), input only on stdin, output captured rather than inherited, and a time limit that
// really holds. Never throws for the program's own failures.
//
// Why a process group: finch starts helpers of its own (sudo → finch → limactl/ssh, a credential helper …) that
// inherit the output pipes. Killing the direct child leaves them holding the pipes, and waiting for the pipes to close
// turns a 300 ms limit into however long the grandchild lives. So on POSIX the program gets its own process group
// (detached), at the limit the whole group is killed, and the result is returned at the limit whatever still holds
// the pipes.
import { spawn } from 'node:child_process';
import path from 'node:path';

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
  /** The program as a user would name it ("finch login", "docker-credential-pass list"), for messages. */
  program: string;
}

/**
 * After the program itself has exited, how long its output may still take to arrive. A grandchild it left behind
 * (`sh -c 'sleep 5 & echo x'`) can hold the pipes open for as long as it lives; the program's answer is complete when
 * it exits, so the wait for the pipes is short and then given up.
 */
export const drainAfterExitMs = 100;

/** "finch login", "docker-credential-pass list": the program's name and its verbs, never its other arguments. */
export function programName(file: string, args: readonly string[]): string {
  const words = [path.basename(file).replace(/\.exe$/i, '')];
  // sudo -n DOCKER_CONFIG=/root/.docker /usr/local/bin/finch login … → "finch login": the program that hangs is finch,
  // not sudo, and a VAR=value word before it is a variable, not the program.
  let rest = [...args];
  if (/^(sudo|pkexec)$/.test(words[0]!)) {
    const target = rest.findIndex((a) => !a.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a));
    if (target >= 0) {
      words[0] = path.basename(rest[target]!);
      rest = rest.slice(target + 1);
    }
  }
  for (const a of rest) {
    if (a.startsWith('-') || words.length >= 3 || !/^[a-z][a-z-]*$/.test(a)) break;
    words.push(a);
  }
  return words.join(' ');
}

/** "`finch login` did not finish within 60 s and was stopped": the sentence for a timed-out result. */
export function timeoutMessage(r: Pick<RunResult, 'program'>, timeoutMs: number): string {
  const secs = timeoutMs >= 10_000 ? String(Math.round(timeoutMs / 1000)) : (timeoutMs / 1000).toFixed(1).replace(/\.0$/, '');
  return `\`${r.program}\` did not finish within ${secs} s and was stopped.`;
}

const posix = process.platform !== 'win32';

export function run(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const program = programName(file, args);
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    let drain: NodeJS.Timeout | undefined;
    const child = spawn(file, args, {
      env: opts.env as NodeJS.ProcessEnv | undefined,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: posix,
      windowsHide: true,
    });
    const done = (r: Omit<RunResult, 'program' | 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      // Whatever still holds our ends of the pipes must not keep this process (or its event loop) waiting.
      child.stdout.destroy();
      child.stderr.destroy();
      child.stdin.destroy();
      resolve({ ...r, stdout, stderr, program });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid, () => child.kill('SIGKILL'));
      // The limit is the limit: no waiting for the pipes or for the kill to be reaped.
      done({ code: null, timedOut });
    }, opts.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      if (settled) return;
      stdout += c;
      opts.onOutput?.(c, 'stdout');
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (settled) return;
      stderr += c;
      opts.onOutput?.(c, 'stderr');
    });
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, timedOut, spawnError: e.code ?? e.message }));
    child.on('exit', (code) => {
      drain = setTimeout(() => done({ code, timedOut }), drainAfterExitMs);
    });
    child.on('close', (code) => done({ code, timedOut }));
    // A program that exits without reading stdin makes the write fail with EPIPE: that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Kills the program and everything it started. On POSIX that is its process group; on Windows its process tree. */
function killTree(pid: number | undefined, fallback: () => void): void {
  if (pid === undefined) return fallback();
  if (posix) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      fallback();
    }
    return;
  }
  fallback();
  // Windows has no process groups for console programs; taskkill /T walks the tree. Fire and forget: the result is
  // returned at the limit either way.
  const taskkill = path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'taskkill.exe');
  spawn(taskkill, ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
}
