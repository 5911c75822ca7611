// `finch login` and `finch logout`: the secret goes to finch on stdin only, never on argv or in the environment.
import type { Env } from '../env';
import { Failure } from '../failure';
import { compareVersions, parseFinchVersion, rememberedVersion, type KnownFinch } from '../finch/finch-cli';
import type { Paths } from '../paths';
import { run, timeoutMessage } from '../process/run';
import { loginAddress } from '../registries/host';
import { loginInvocation, type Invocation } from './finch-invocation';

const loginTimeoutMs = 60_000;
/** Finch older than this ran `login` inside the VM. */
export const hostLoginSince = '1.15.0';

/** The text of finch's logrus line (`time="…" level=fatal msg="…"`), or the raw output. */
export function finchMessage(stderr: string, stdout = ''): string {
  const text = stderr.trim() || stdout.trim();
  const m = /level=(?:fatal|error)\s+msg="((?:[^"\\]|\\.)*)"/.exec(text);
  return (m ? m[1]!.replace(/\\"/g, '"') : text.split('\n').filter(Boolean).pop() ?? '').trim();
}

/** What a failed `finch login` means, in words, with the next step. */
export function classifyLoginFailure(host: string, message: string): Failure {
  const m = message.toLowerCase();
  if (/401|unauthorized|incorrect username or password|authentication required|denied: your authorization token has expired/.test(m)) {
    return new Failure('unauthorized', `${host} refused the username and password (401 Unauthorized).`, 'Check the username and the password or access token, then try again.');
  }
  if (/executable file not found|docker-credential-[\w-]+: not found|credential helper|error storing credentials|error getting credentials|not implemented/.test(m)) {
    return new Failure('helper-failed', `Finch could not store the login through its credential helper: ${message}`, 'Open Health to check the credential helper setup (a credsStore of ecr-login cannot store logins).');
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|tls handshake timeout|dial tcp|could not resolve/.test(m)) {
    return new Failure('network', `${host} could not be reached: ${message}`, 'Check the host name and your network or VPN, then try again.');
  }
  if (/a password is required|not in the sudoers|not allowed to (execute|set the following environment)|authentication failed|not authorized/.test(m) && !/registry/.test(m)) {
    return new Failure('needs-root', `Finch needs root rights on Linux and they were refused: ${message}`, 'Allow finch without a password for your user in sudoers (NOPASSWD:SETENV), or install pkexec for a password dialog.');
  }
  return new Failure('login-failed', `finch login ${host} failed: ${message || 'no message'}`, `Run \`finch login ${host}\` in a terminal to see Finch's own error.`);
}

export async function finchVersionOf(file: string, env: Record<string, string | undefined>): Promise<string | null> {
  const r = await run(file, ['--version'], { timeoutMs: 10_000, env });
  return r.code === 0 ? parseFinchVersion(r.stdout) : null;
}

/**
 * Finds finch and makes sure it can log in now: Finch older than 1.15 logs in inside its VM, which must be running.
 * Done once per batch of logins, not per registry.
 */
export async function prepareFinch(env: Env, paths: Paths, known?: KnownFinch): Promise<Invocation & { known?: KnownFinch }> {
  const inv = await loginInvocation(env, paths, loginTimeoutMs);
  const { stamp, version: cached } = rememberedVersion(inv.finchPath, known);
  const version = cached ?? (await finchVersionOf(inv.finchPath, inv.env));
  const learned = cached === undefined && version && stamp ? { path: inv.finchPath, stamp, version } : undefined;
  if (version && compareVersions(version, hostLoginSince) < 0 && env.platform !== 'linux') {
    const vm = await run(inv.finchPath, ['vm', 'status'], { timeoutMs: 10_000, env: inv.env });
    if (vm.stdout.trim() !== 'Running') {
      throw new Failure('vm-required', `Finch ${version} logs in inside its VM, and the VM is not running.`, 'Start the VM (finch vm start), or update Finch to 1.15 or later.');
    }
  }
  return { ...inv, ...(learned ? { known: learned } : {}) };
}

/** Logs in to `host` as the user knows it (docker.io), at the address finch expects (https://index.docker.io/v1/). */
export async function finchLogin(inv: Invocation, host: string, username: string, secret: string): Promise<void> {
  const address = loginAddress(host);
  const r = inv.session
    ? await inv.session.login(address, username, secret)
    : await run(inv.file, [...inv.prefix, 'login', address, '--username', username, '--password-stdin'], { input: secret, timeoutMs: loginTimeoutMs, env: inv.env });
  if (r.spawnError) throw new Failure('finch-missing', `Finch could not be started (${r.spawnError}).`, 'Reinstall Finch or set FINCH_LOGINS_FINCH.');
  if (r.timedOut) throw new Failure('timeout', `${timeoutMessage(r, loginTimeoutMs)} (logging in to ${host})`, 'Check that the registry is reachable, then try again.');
  if (r.code !== 0) throw classifyLoginFailure(host, finchMessage(r.stderr, r.stdout));
}

export async function finchLogout(env: Env, paths: Paths, host: string): Promise<void> {
  const inv = await loginInvocation(env, paths, loginTimeoutMs);
  let r;
  try {
    r = inv.session ? await inv.session.logout(host) : await run(inv.file, [...inv.prefix, 'logout', host], { timeoutMs: loginTimeoutMs, env: inv.env });
  } finally {
    inv.session?.close();
  }
  if (r.spawnError) throw new Failure('finch-missing', `Finch could not be started (${r.spawnError}).`, 'Reinstall Finch or set FINCH_LOGINS_FINCH.');
  if (r.timedOut) throw new Failure('timeout', `${timeoutMessage(r, loginTimeoutMs)} (logging out of ${host})`, 'Check that Finch answers (finch version), then try again.');
  if (r.code !== 0) {
    const message = finchMessage(r.stderr, r.stdout);
    // Logging out of a registry that holds no login is already the state the user wants.
    if (/not logged in|not found/i.test(message)) return;
    throw new Failure('logout-failed', `finch logout ${host} failed: ${message}`, `Run \`finch logout ${host}\` in a terminal to see Finch's own error.`);
  }
}
