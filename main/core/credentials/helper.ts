// The docker credential-helper protocol (docker-credential-<name> list|get|store|erase), as docker/cli speaks it.
// Errors come back on stdout with a non-zero exit; any non-zero exit is a failure, whatever the text says.
import type { Env } from '../env';
import type { Paths } from '../paths';
import { childEnv, findExecutable } from '../process/find-executable';
import { run, timeoutMessage } from '../process/run';
import { helperNameProblem, quoteName } from './helper-name';

const defaultTimeoutMs = 5_000;

/** A hung helper must not hang us; FINCH_LOGINS_HELPER_TIMEOUT_MS shortens the wait for tests and support. */
export function helperTimeoutMs(env: Env): number {
  const v = Number(env.vars.FINCH_LOGINS_HELPER_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : defaultTimeoutMs;
}
/** docker-credential-helpers' own text for a missing entry; clients compare the trimmed message. */
export const notFoundMessage = 'credentials not found in native keychain';

export class HelperError extends Error {
  constructor(
    readonly helper: string,
    message: string,
    readonly kind: 'missing' | 'timeout' | 'failed' | 'garbage' | 'not-found' | 'invalid-name',
  ) {
    super(message);
  }
}

export interface HelperClient {
  name: string;
  path: string;
  list(): Promise<Record<string, string>>;
  get(serverUrl: string): Promise<{ username: string; secret: string } | null>;
  store(serverUrl: string, username: string, secret: string): Promise<void>;
  erase(serverUrl: string): Promise<void>;
}

export function helperBinary(name: string): string {
  return `docker-credential-${name}`;
}

export const secretRemoved = '[secret removed]';

/**
 * `text` without `secret` in any form a helper could print it: as sent (inside our JSON, with its escapes), as typed,
 * base64-encoded (docker's "auth" form), or as the value of a "Secret" field however it was re-escaped. Replaced, not
 * cut, so the rest of the message still makes sense; if a piece of the secret is still there, none of the text is shown.
 */
export function withoutSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  const forms = [JSON.stringify(secret).slice(1, -1), secret, Buffer.from(secret).toString('base64')].filter((f) => f !== '');
  let out = text.replace(/("Secret"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${secretRemoved}"`);
  for (const f of [...new Set(forms)].sort((a, b) => b.length - a.length)) out = out.split(f).join(secretRemoved);
  const piece = Math.min(8, secret.length);
  for (let i = 0; i + piece <= secret.length; i++) {
    if (out.includes(secret.slice(i, i + piece))) return `(not shown: it held part of the secret it was sent)`;
  }
  return out;
}

export function openHelper(name: string, env: Env, paths: Paths): HelperClient {
  // The readers already refuse such names; this is the last line before a name becomes a program to run.
  const badName = helperNameProblem(name);
  if (badName) throw new HelperError(name, `${quoteName(name)} is not a credential helper name (${badName}); Finch Logins will not run it.`, 'invalid-name');
  const bin = helperBinary(name);
  const path = findExecutable(bin, env, paths);
  if (!path) {
    throw new HelperError(name, `${bin} was not found on PATH or in ${paths.extraBinDirs.join(', ')}.`, 'missing');
  }
  const timeoutMs = helperTimeoutMs(env);
  /** `secret`: what we sent that must never come back in a message (a helper may echo its input on failure). */
  const call = async (cmd: string, input: string, secret?: string) => {
    const r = await run(path, [cmd], { input, timeoutMs, env: childEnv(env, paths) });
    if (r.timedOut) throw new HelperError(name, timeoutMessage(r, timeoutMs), 'timeout');
    if (r.spawnError) throw new HelperError(name, `${bin} could not be started (${r.spawnError}).`, 'failed');
    if (r.code !== 0) {
      const text = withoutSecret((r.stdout.trim() || r.stderr.trim() || `exit code ${r.code}`).split('\n')[0]!, secret);
      throw new HelperError(name, `${bin} ${cmd} failed: ${text}`, text === notFoundMessage ? 'not-found' : 'failed');
    }
    return r.stdout;
  };
  return {
    name,
    path,
    async list() {
      const out = await call('list', '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(out.trim() === '' ? 'null' : out);
      } catch {
        throw new HelperError(name, `${bin} list printed something that is not JSON: ${out.trim().slice(0, 80)}`, 'garbage');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new HelperError(name, `${bin} list printed ${out.trim() === '' ? 'nothing' : 'an unexpected shape'} instead of {"registry": "username"}.`, 'garbage');
      }
      const result: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') result[k] = v;
      return result;
    },
    async get(serverUrl) {
      try {
        const out = await call('get', serverUrl);
        const parsed = JSON.parse(out) as { Username?: string; Secret?: string };
        // docker-credential-pass answers an unknown URL with empty credentials and exit 0.
        if (!parsed.Secret) return null;
        return { username: parsed.Username ?? '', secret: parsed.Secret };
      } catch (e) {
        if (e instanceof HelperError && e.kind === 'not-found') return null;
        if (e instanceof SyntaxError) throw new HelperError(name, `${bin} get printed something that is not JSON.`, 'garbage');
        throw e;
      }
    },
    async store(serverUrl, username, secret) {
      await call('store', JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }), secret);
    },
    async erase(serverUrl) {
      try {
        await call('erase', serverUrl);
      } catch (e) {
        if (!(e instanceof HelperError && e.kind === 'not-found')) throw e;
      }
    },
  };
}
