// Moving plain-text logins out of config.json: each secret is stored through a credential helper, read back with
// `get`, and only then removed from the file. The host keys stay (as `{}`), like docker leaves them.
import { HelperError, openHelper, type HelperClient } from '../credentials/helper';
import { searchPath, withSearchPath, type Env } from '../env';
import { holdsSecret, type AuthEntry, type ConfigJson } from '../finch/config-json';
import type { Paths } from '../paths';
import { canonicalHost, dockerHubHost, dockerHubKey } from '../registries/host';
import { isObject } from './config-json-edit';

export interface PlaintextLogin {
  /** The key in config.json's auths. */
  key: string;
  /** The server address docker asks the store for (the bare host; Docker Hub's legacy URL). */
  storeKey: string;
  username: string;
  secret: string;
}

export interface Unmovable {
  key: string;
  why: string;
}

/** docker stores identity tokens in helpers under this username (docker/cli credentials/native_store.go). */
const tokenUsername = '<token>';

/** Docker asks stores by hostname (scheme and path dropped), and for Docker Hub by its legacy index URL. */
export function storeKeyFor(key: string): string {
  if (canonicalHost(key) === dockerHubHost) return dockerHubKey;
  if (!/^[a-z]+:\/\//i.test(key) && !key.includes('/')) return key;
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0]!;
}

function credentialsOf(entry: AuthEntry): { username: string; secret: string } | string {
  if (entry.identitytoken) return { username: tokenUsername, secret: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return 'its "auth" value is not a base64 "user:password" pair';
    return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, secret: entry.password };
  if (entry.registrytoken) return 'it holds a registry token, which docker keeps only in config.json';
  return 'it has a password without a username';
}

export function plaintextLogins(config: ConfigJson, keys?: (key: string) => boolean): { movable: PlaintextLogin[]; unmovable: Unmovable[] } {
  const movable: PlaintextLogin[] = [];
  const unmovable: Unmovable[] = [];
  for (const [key, entry] of Object.entries(config.auths)) {
    if (!holdsSecret(entry) || (keys && !keys(key))) continue;
    const c = credentialsOf(entry);
    if (typeof c === 'string') unmovable.push({ key, why: c });
    else movable.push({ key, storeKey: storeKeyFor(key), ...c });
  }
  return { movable, unmovable };
}

/** The credHelpers entry docker would use for this key's registry (it comes before credsStore), if any. */
export function credHelperFor(config: ConfigJson, key: string): string | null {
  const host = canonicalHost(key);
  for (const [h, helper] of Object.entries(config.credHelpers)) if (canonicalHost(h) === host) return helper;
  return null;
}

export type MoveResult = { ok: true } | { ok: false; why: string };

/**
 * `fileIsLive`: the file's copy is the one Finch uses today (no credsStore yet), so it wins over a different one in
 * the store. When a credsStore is already set, Finch uses what the store holds and the file's copy is stale: a
 * different login in the store is kept, and so is the file's.
 */
export async function moveToStore(client: HelperClient, login: PlaintextLogin, fileIsLive: boolean): Promise<MoveResult> {
  try {
    const existing = await client.get(login.storeKey);
    const same = !!existing && existing.username === login.username && existing.secret === login.secret;
    if (existing && !same && !fileIsLive) {
      return { ok: false, why: `${client.name} already holds a different login for ${login.storeKey}, which Finch uses; the one in config.json was left alone` };
    }
    if (!same) await client.store(login.storeKey, login.username, login.secret);
    const back = await client.get(login.storeKey);
    if (!back || back.username !== login.username || back.secret !== login.secret) {
      return { ok: false, why: `${client.name} did not give the login back unchanged after storing it` };
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, why: e instanceof HelperError ? e.message : String(e) };
  }
}

/** Removes the secret (and the username that goes with it) from an auths entry; other keys stay. */
export function stripSecret(doc: Record<string, unknown>, key: string): void {
  const auths = doc.auths;
  if (!isObject(auths) || !isObject(auths[key])) return;
  const rest = { ...(auths[key] as Record<string, unknown>) };
  for (const k of ['auth', 'password', 'identitytoken', 'username']) delete rest[k];
  auths[key] = rest;
}

/** A helper found first in `dir` (Finch's bundled copy, before it has been installed), else as usual. */
export function helperFromDir(name: string, dir: string, env: Env, paths: Paths): HelperClient {
  return openHelper(name, { ...env, vars: withSearchPath(env, [dir, ...searchPath(env)]) }, paths);
}
