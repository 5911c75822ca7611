// `finch login` and `finch logout`: the secret goes to finch on stdin only, never on argv or in the environment.
import { withoutSecret } from '../credentials/helper';
import type { Env } from '../env';
import { Failure } from '../failure';
import { compareVersions, parseFinchVersion, parseVmStatus, rememberedVersion, type KnownFinch } from '../finch/finch-cli';
import { finch, hostLoginSince, oneAtATime, readFinch, type FinchOptions, type LogLine } from '../finch/finch';
import type { Paths } from '../paths';
import { loginAddress } from '../registries/host';
import { loginInvocation, type Invocation } from './finch-invocation';

const loginTimeoutMs = 60_000;
const probeTimeoutMs = 10_000;

/**
 * `finch logout` of a host that holds no login: a helper-backed host logs `level=error msg="Failed to erase
 * credentials for: HOST" error="… not found …"` first and then fails with the helper's "not found" text; a plaintext
 * one logs "None of the following entries could be found" (cmd/finch/logout_local.go, nerdctl's logout).
 */
export function noLoginToErase(log: LogLine[]): boolean {
  return log.some((l) => /credentials not found|could not be found|not logged in|no credentials/i.test(`${l.msg} ${l.fields.error ?? ''}`));
}

/**
 * finch stops before doing anything when finch.yaml does not parse: every command runs config.Load first and fails
 * with "failed to load config: failed to unmarshal config file: yaml: …" (pkg/config/config.go, main_remote.go; the
 * stand-in copies it). Said as that file's problem, named, rather than as a failed login; null for anything else.
 */
export function finchYamlFailure(finchYaml: string, message: string): Failure | null {
  if (!/failed to load config/i.test(message)) return null;
  return new Failure('file-invalid', `Finch cannot run while ${finchYaml} cannot be read: ${message}`, 'Fix finch.yaml in a text editor (`finch-logins status` says what is wrong in it), then try again.');
}

/** What a failed `finch login` means, in words, with the next step. */
export function classifyLoginFailure(host: string, message: string, finchYaml?: string): Failure {
  const yaml = finchYaml ? finchYamlFailure(finchYaml, message) : null;
  if (yaml) return yaml;
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

export async function finchVersionOf(inv: Invocation): Promise<string | null> {
  const r = await finch({ ...inv, file: inv.finchPath, prefix: [] }, ['--version'], { timeoutMs: probeTimeoutMs, expected: { failed: () => true } });
  return r.expected ? null : parseFinchVersion(r.stdout);
}

/**
 * Finds finch and makes sure it can log in now: Finch older than 1.15 logs in inside its VM, which must be running.
 * Done once per batch of logins, not per registry.
 */
export async function prepareFinch(env: Env, paths: Paths, known?: KnownFinch): Promise<Invocation & { known?: KnownFinch }> {
  const inv = await loginInvocation(env, paths, loginTimeoutMs);
  const { stamp, version: cached } = rememberedVersion(inv.finchPath, known);
  const version = cached ?? (await finchVersionOf(inv));
  const learned = cached === undefined && version && stamp ? { path: inv.finchPath, stamp, version } : undefined;
  if (version && compareVersions(version, hostLoginSince) < 0 && env.platform !== 'linux') {
    const vm = await finch(inv, ['vm', 'status'], { timeoutMs: probeTimeoutMs, expected: { failed: () => true } });
    if (vm.expected || parseVmStatus(vm.stdout) !== 'running') {
      throw new Failure('vm-required', `Finch ${version} logs in inside its VM, and the VM is not running.`, 'Start the VM (finch vm start), or update Finch to 1.15 or later.');
    }
  }
  return { ...inv, ...(learned ? { known: learned } : {}) };
}

/** Logs in to `host` as the user knows it (docker.io), at the address finch expects (https://index.docker.io/v1/). */
export async function finchLogin(inv: Invocation, host: string, username: string, secret: string): Promise<void> {
  const address = loginAddress(host);
  const opts: FinchOptions = {
    input: secret,
    timeoutMs: loginTimeoutMs,
    timeout: { doing: `logging in to ${host}`, hint: 'Check that the registry is reachable, then try again.' },
    // finch (or the helper it ran) may echo what it was given: the secret never reaches a message.
    failure: (message) => classifyLoginFailure(host, withoutSecret(message, secret), inv.paths.finchYaml),
  };
  const session = inv.session;
  if (session) readFinch(await oneAtATime(inv, 'finch login', opts, () => session.login(address, username, secret)), opts);
  else await finch(inv, ['login', address, '--username', username, '--password-stdin'], opts);
}

export async function finchLogout(env: Env, paths: Paths, host: string): Promise<void> {
  const inv = await loginInvocation(env, paths, loginTimeoutMs);
  const opts: FinchOptions = {
    timeoutMs: loginTimeoutMs,
    timeout: { doing: `logging out of ${host}` },
    // Logging out of a registry that holds no login is already the state the user wants.
    expected: { 'no-login': noLoginToErase },
    failure: (message) => finchYamlFailure(paths.finchYaml, message) ?? new Failure('logout-failed', `finch logout ${host} failed: ${message}`, `Run \`finch logout ${host}\` in a terminal to see Finch's own error.`),
  };
  try {
    const session = inv.session;
    if (session) readFinch(await oneAtATime(inv, 'finch logout', opts, () => session.logout(host)), opts);
    else await finch(inv, ['logout', host], opts);
  } finally {
    inv.session?.close();
  }
}
