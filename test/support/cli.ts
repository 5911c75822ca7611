// Runs the CLI in-process through main(), capturing its output; stdin is given as a string.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { main } from '../../main/cli/index';

export const builtCli = path.resolve(__dirname, '../../out/cli/finch-logins.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(vars: Record<string, string>, args: string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') }, vars, { readStdin: async () => stdin });
  return { code, stdout, stderr };
}

/** Starts the BUILT CLI (out/cli, from `npm run build`) as its own process, with exactly `vars` as environment. */
export function startCli(vars: Record<string, string>, args: string[], stdin = ''): { pid: number; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [builtCli, ...args], { env: vars, stdio: ['pipe', 'pipe', 'pipe'] });
  const done = new Promise<CliRun>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  child.stdin.end(stdin);
  return { pid: child.pid!, done };
}

export const spawnCli = (vars: Record<string, string>, args: string[], stdin = ''): Promise<CliRun> => startCli(vars, args, stdin).done;
