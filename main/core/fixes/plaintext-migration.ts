// Moving plain-text logins out of config.json: each secret is stored through a credential helper, read back with
// `get`, and only then removed from the file. The host keys stay (as `{}`), like docker leaves them.
import { HelperError, openHelper, type HelperClient } from '../credentials/helper';
import { searchPath, withSearchPath, type Env } from '../env';
import { holdsSecret, readConfigJson, shadowableSecret, type AuthEntry, type ConfigJson } from '../finch/config-json';
import { listWords } from '../health/verdict';
import type { Paths } from '../paths';
import { Problems } from '../problems';
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

/**
 * Undo of a fix that moved passwords into a store puts config.json back — passwords included — but leaves the copies
 * in the store: Undo restores files only. Erasing them is not done on purpose: the store may have held the same login
 * before the fix (moveToStore stores nothing then), with a credsStore set Finch reads the store, so erasing would log
 * it out, and an erase from a keychain cannot itself be undone. What stays is said: the logins config.json holds in
 * plain text again that the store (`store`, or config.json's credsStore) still lists.
 */
export async function storedCopiesLeft(env: Env, paths: Paths, store?: string): Promise<string | null> {
  const config = await readConfigJson(paths.configJson, new Problems());
  const helper = config.credsStore ?? store;
  const inFile = Object.entries(config.auths).filter(([, e]) => shadowableSecret(e)).map(([h]) => h);
  if (!helper || inFile.length === 0) return null;
  const listed = await openHelper(helper, env, paths).list().catch(() => null);
  if (listed === null) {
    return `Not undone: whatever the fix stored in “${helper}” stays there (Undo puts back files only; ${helper} could not be listed to say which logins).`;
  }
  const inStore = new Set(Object.keys(listed).map(canonicalHost));
  const hosts = inFile.filter((h) => inStore.has(canonicalHost(h)));
  if (hosts.length === 0) return null;
  const one = hosts.length === 1;
  const those = one ? `the login for ${hosts[0]}` : `the logins for ${listWords(hosts)}`;
  const why = `(Undo puts back files only${config.credsStore ? '; erasing would log Finch out' : ''})`;
  return config.credsStore
    ? `Not undone: ${those} in “${helper}” ${one ? 'stays' : 'stay'} there ${why}. Finch keeps reading ${helper}, so the ` +
        `password${one ? '' : 's'} back in config.json ${one ? 'is' : 'are'} not used; the registry rows say so.`
    : `Not undone: the ${one ? 'copy' : 'copies'} of ${those} in “${helper}” ${one ? 'stays' : 'stay'} there, unused ${why}: Finch ` +
        'reads the passwords in config.json again. Remove them with the store’s own tools (Keychain Access on a Mac) if you want them gone.';
}
