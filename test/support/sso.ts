// IAM Identity Center against the AWS stub (e2e/stack/sso-stub.mjs): the user's part of the device sign-in (approving
// or denying the code in "the browser"), and a CLI run that does it as soon as the code is printed.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../main/cli/index';
import type { CliRun } from './cli';
import { stack } from './login-home';
import type { Sandbox } from './sandbox-home';

export const corpSession = 'session:corp';
/** Accounts of the stub's directory: i → 100000000000 + i (see sso-stub.mjs for their roles). */
export const ssoAccount = (i: number) => String(100000000000 + i);

export async function decide(userCode: string, choice: 'approve' | 'deny'): Promise<void> {
  const r = await fetch(`${stack.aws}/device/${choice}`, { method: 'POST', body: `user_code=${encodeURIComponent(userCode)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  if (!r.ok) throw new Error(`stub refused to ${choice} ${userCode}: ${r.status}`);
}

export async function revokeSessions(): Promise<void> {
  await fetch(`${stack.aws}/__sso/revoke`, { method: 'POST' });
}

export interface StubRequest {
  action: string;
  status: number;
  error?: string;
  time?: string;
}

export async function stubRequests(): Promise<StubRequest[]> {
  return ((await (await fetch(`${stack.aws}/__stats`)).json()) as { requests: StubRequest[] }).requests;
}

/** Resolves once the app has polled CreateToken (so the user "approves" while the app is already waiting). */
export async function afterFirstPoll(): Promise<void> {
  const polls = async () => (await stubRequests()).filter((r) => r.action === 'sso-oidc:CreateToken').length;
  const before = await polls();
  for (let i = 0; i < 200 && (await polls()) === before; i++) await new Promise((r) => setTimeout(r, 50));
}

/** `finch-logins sso login …` in-process; the printed code is approved (or denied) in the stub, like a user would. */
export async function cliSignIn(vars: Record<string, string>, args: string[], choice: 'approve' | 'deny' = 'approve'): Promise<CliRun & { userCode: string }> {
  let stdout = '';
  let stderr = '';
  let userCode = '';
  const decided: Promise<void>[] = [];
  const code = await main(
    ['sso', 'login', ...args],
    {
      stdout: (t) => {
        stdout += t + '\n';
        const m = /\n\s+([A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(t);
        if (m && !userCode) decided.push(afterFirstPoll().then(() => decide((userCode = m[1]!), choice)));
      },
      stderr: (t) => (stderr += t + '\n'),
    },
    vars,
    { readStdin: async () => '' },
  );
  await Promise.all(decided);
  return { code, stdout, stderr, userCode };
}

let shared: Promise<string> | undefined;

/**
 * Gives the sandbox a signed-in corp session: one real device sign-in per test file (each takes ~8 s: pending, then
 * slow_down adds 5 s to the interval), whose cache files are copied into every home that needs a session.
 */
export async function withSignedInSession(sb: Sandbox, signIn: () => Promise<Sandbox>): Promise<void> {
  shared ??= signIn().then((first) => path.join(first.home, '.aws/sso/cache'));
  cpSync(await shared, path.join(sb.home, '.aws/sso/cache'), { recursive: true });
}
