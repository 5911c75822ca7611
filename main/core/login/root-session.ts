// One elevation for a batch of logins on Linux (pkexec): the desktop's password dialog is shown once, and the root
// shell it starts runs each `finch login` / `finch logout` of the batch in turn, reading the requests on its stdin.
// The shell is a fixed script given as one argument; requests are data lines (host, username, secret) read with
// `read -r` and always quoted, never code. The secret travels on stdin and reaches finch through the shell's built-in
// printf: it never appears in an argv or an environment. The session ends when its stdin closes (end of the batch).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Failure } from '../failure';
import type { RunResult } from '../process/run';

/** How long the password dialog may stay open before the batch gives up on it. */
export const authTimeoutMs = 5 * 60_000;

/**
 * The root side. Arguments: finch, its DOCKER_CONFIG, the PATH for root (system folders only: a folder the user
 * can write would let anything running as the user become root), and the time limit per command in seconds.
 * Each answer is one line: the exit code, a space, and finch's output with its newlines turned into \x1f.
 */
export const rootScript = `# Finch Logins: runs finch login/logout as root for Finch, which runs as root on Linux.
finch=$1; DOCKER_CONFIG=$2; PATH=$3; limit=$4; export DOCKER_CONFIG PATH
if command -v timeout >/dev/null 2>&1; then limited="timeout -k 5 $limit"; else limited=; fi
echo ready
while IFS= read -r verb; do
  case $verb in
    login)
      IFS= read -r host && IFS= read -r user && IFS= read -r secret || exit 2
      out=$(printf '%s' "$secret" | $limited "$finch" login "$host" --username "$user" --password-stdin 2>&1); rc=$?
      secret= ;;
    logout)
      IFS= read -r host || exit 2
      out=$($limited "$finch" logout "$host" 2>&1 </dev/null); rc=$? ;;
    *) exit 2 ;;
  esac
  printf '%s ' "$rc"; printf '%s' "$out" | tr '\\n' '\\037'; printf '\\n'
done
`;

/** The folders root's finch and its credential helpers are found in. */
export function rootSearchPath(extraBinDirs: readonly string[]): string[] {
  return [...new Set([...extraBinDirs, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'])];
}

/** pkexec's arguments: the shell, the script, $0 (the name ps shows), then the script's own arguments. */
export function sessionArgs(finch: string, dockerConfig: string, rootPath: readonly string[], limitMs: number): string[] {
  return ['/bin/sh', '-c', rootScript, 'finch-logins-as-root', finch, dockerConfig, rootPath.join(':'), String(Math.ceil(limitMs / 1000))];
}

/** A request as the lines the script reads. Refused when a value would break the line framing. */
export function requestLines(verb: 'login' | 'logout', values: readonly string[]): string {
  for (const v of values) {
    if (/[\r\n\0]/.test(v)) throw new Failure('invalid-input', 'A host, username or password with a line break cannot be passed to finch.', 'Check what was typed or pasted.');
  }
  return [verb, ...values].map((v) => `${v}\n`).join('');
}

/** One answer line → the result of that command. `timeout` exits 124 when it stopped finch. */
export function parseAnswer(line: string, program: string): RunResult {
  const space = line.indexOf(' ');
  const code = Number(line.slice(0, space));
  const output = line.slice(space + 1).replace(/\x1f/g, '\n');
  return { code, stdout: '', stderr: output, timedOut: code === 124, program };
}

/**
 * What a session that ended before answering means. pkexec (polkit's src/programs/pkexec.c) exits 126 when the
 * dialog was dismissed and 127 when authorisation failed or no agent could ask (no desktop session).
 */
export function refusedFailure(code: number | null, stderr: string): Failure {
  const said = stderr.split('\n').map((l) => l.trim()).find(Boolean)?.replace(/^Error executing command as another user: /, '');
  const what = code === 126 ? 'the password dialog was closed' : `root rights were refused${said ? ` (pkexec: ${said})` : code !== null ? ` (pkexec exited with ${code})` : ''}`;
  return new Failure(
    'needs-root',
    `Finch on Linux runs as root, and ${what}: finch did not run.`,
    'Try again and enter your password in the system dialog; it is asked once for each batch of logins.',
  );
}

interface Pending {
  program: string;
  resolve(r: RunResult): void;
  reject(e: Failure): void;
}

export class RootSession {
  private child: ChildProcessWithoutNullStreams | null = null;
  private ready = false;
  private stderr = '';
  private buffer = '';
  private readonly pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ended: Failure | null = null;

  constructor(
    private readonly pkexec: string,
    private readonly args: string[],
    private readonly env: Record<string, string | undefined>,
    private readonly limitMs: number,
  ) {}

  async login(address: string, username: string, secret: string): Promise<RunResult> {
    return this.send('finch login', requestLines('login', [address, username, secret]));
  }

  async logout(address: string): Promise<RunResult> {
    return this.send('finch logout', requestLines('logout', [address]));
  }

  /** Ends the session: the root shell leaves its loop when its input closes. */
  close(): void {
    this.child?.stdin.end();
  }

  private send(program: string, lines: string): Promise<RunResult> {
    if (this.ended) return Promise.reject(this.ended);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.pending.push({ program, resolve, reject });
      if (this.pending.length === 1) this.arm();
      child.stdin.write(lines);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(this.pkexec, this.args, { env: this.env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stdin.on('error', () => undefined); // a refused dialog closes the pipe: the exit says why
    child.stderr.setEncoding('utf8').on('data', (c: string) => (this.stderr += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => this.read(c));
    child.on('error', (e: NodeJS.ErrnoException) => this.end(new Failure('needs-root', `pkexec could not be started (${e.code ?? e.message}).`, 'Reinstall pkexec, or run finch-logins as root.')));
    child.on('close', (code) => this.end(this.ready ? new Failure('needs-root', `The root session for Finch ended early (exit code ${code}).`, 'Try again.') : refusedFailure(code, this.stderr)));
    return child;
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (!this.ready) {
        this.ready = line === 'ready';
      } else {
        const head = this.pending.shift();
        head?.resolve(parseAnswer(line, head.program));
      }
      this.arm();
    }
  }

  /** The head request's deadline: the dialog's allowance until root answers, then the command's own limit. */
  private arm(): void {
    clearTimeout(this.timer);
    const head = this.pending[0];
    if (!head) return;
    this.timer = setTimeout(
      () => this.end(this.ready ? new Failure('timeout', `${head.program} did not finish within ${Math.round(this.limitMs / 1000)} s.`, 'Check that the registry is reachable, then try again.') : new Failure('needs-root', 'The password dialog for root rights was not answered in time.', 'Try again and enter your password in the system dialog.')),
      this.ready ? this.limitMs + 10_000 : authTimeoutMs,
    );
  }

  private end(failure: Failure): void {
    clearTimeout(this.timer);
    this.ended ??= failure;
    for (const p of this.pending.splice(0)) p.reject(failure);
    this.child?.stdin.end();
  }
}
