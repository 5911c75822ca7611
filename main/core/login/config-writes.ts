// How `finch login` and `finch logout` change config.json, and how the app makes sure none of those changes is lost.
//
// finch writes config.json through docker/cli's configfile (nerdctl's login uses it): read the file, change it in
// memory, write a temp file and rename it over — with no lock (docker/cli cli/config/configfile/file.go, Save). Two
// logins that both rewrite one config.json at once keep only the last writer's view: docker CLI 28.2.2 keeps 1–2 of
// 10 parallel plaintext logins. So:
//   - a login whose credential lands in a helper and leaves config.json as it is may run beside others;
//   - a login or logout that rewrites config.json runs alone for that file, under a lock every Finch Logins process
//     (the window, the CLI, a fix) takes (programs other than ours cannot be stopped: that is what the read-back is for);
//   - afterwards what is stored is read back, and keys that vanished meanwhile are put back.
import { HelperError, openHelper } from '../credentials/helper';
import type { Env } from '../env';
import { Failure } from '../failure';
import { configEdit, loadConfigForEdit, type ConfigForEdit } from '../fixes/config-json-edit';
import { osascriptElevator } from '../fixes/file-writer';
import { commitEdits } from '../fixes/transaction';
import { restoreKeysChangeId } from '../fixes/catalog';
import { readConfigJson, type AuthEntry, type ConfigJson } from '../finch/config-json';
import type { Paths } from '../paths';
import { Problems } from '../problems';
import { canonicalHost } from '../registries/host';


/** The credential helper docker stores `host`'s login with: `credHelpers[host]`, then `credsStore`, else none. */
export function credentialStoreFor(config: ConfigJson, host: string): string | null {
  for (const [key, helper] of Object.entries(config.credHelpers)) if (canonicalHost(key) === host && helper) return helper;
  return config.credsStore || null;
}

/**
 * Whether `finch login host` rewrites config.json. docker/cli's nativeStore stores the secret with the helper and then
 * calls the file store with the secret blanked; the file store skips Save when `auths[address]` already holds exactly
 * that (cli/config/credentials/file_store.go, "Credentials didn't change, so skip updating the configuration file").
 * So only a helper-backed login whose address already has an empty entry leaves the file alone; anything else —
 * plaintext, a first helper login, an entry still holding an old plaintext secret — rewrites it.
 */
export function loginRewritesConfig(config: ConfigJson, host: string, address: string): boolean {
  if (!credentialStoreFor(config, host)) return true;
  const raw = config.raw.auths;
  const entry = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[address] : undefined;
  return !(typeof entry === 'object' && entry !== null && Object.keys(entry).length === 0);
}

export interface StoredLogin {
  host: string;
  username: string;
  secret: string;
}

/** The plaintext entry docker would use for `host` (any of its spellings: host, host:443, https://host/…). */
function authsEntry(config: ConfigJson, host: string): AuthEntry | undefined {
  for (const [key, entry] of Object.entries(config.auths)) if (canonicalHost(key) === host && (entry.auth || entry.password)) return entry;
  return undefined;
}

function plaintextMatches(entry: AuthEntry | undefined, l: StoredLogin): boolean {
  if (!entry) return false;
  if (entry.auth) return entry.auth === Buffer.from(`${l.username}:${l.secret}`).toString('base64');
  return entry.username === l.username && entry.password === l.secret;
}

/**
 * Which of `logins` are stored now, read back from where docker would take them: the helper's `list` (one call per
 * helper) or the exact `auth` in config.json. A helper that cannot be listed proves nothing: its logins are not
 * counted as stored.
 */
export async function storedLogins(env: Env, paths: Paths, logins: readonly StoredLogin[]): Promise<Set<string>> {
  const config = await readConfigJson(paths.configJson, new Problems());
  const listings = new Map<string, Promise<Record<string, string> | null>>();
  const listing = (helper: string) => {
    let p = listings.get(helper);
    if (!p) {
      p = Promise.resolve()
        .then(() => openHelper(helper, env, paths).list())
        .then((entries) => Object.fromEntries(Object.entries(entries).map(([k, u]) => [canonicalHost(k), u])))
        .catch((e: unknown) => {
          if (e instanceof HelperError) return null;
          throw e;
        });
      listings.set(helper, p);
    }
    return p;
  };
  const stored = new Set<string>();
  await Promise.all(
    logins.map(async (l) => {
      const helper = credentialStoreFor(config, l.host);
      const ok = helper ? (await listing(helper))?.[l.host] === l.username : plaintextMatches(authsEntry(config, l.host), l);
      if (ok) stored.add(l.host);
    }),
  );
  return stored;
}

/** Whether `host` still has a login anywhere docker would look (for logout's read-back). */
export async function stillLoggedIn(env: Env, paths: Paths, host: string): Promise<boolean> {
  const config = await readConfigJson(paths.configJson, new Problems());
  if (authsEntry(config, host)) return true;
  const helper = credentialStoreFor(config, host);
  if (!helper) return false;
  try {
    const entries = await openHelper(helper, env, paths).list();
    return Object.keys(entries).some((k) => canonicalHost(k) === host);
  } catch {
    return false; // a store that cannot be listed cannot be checked; finch's own answer stands
  }
}

type Doc = Record<string, unknown>;
const isObject = (x: unknown): x is Doc => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The keys of `before` that are missing from `now`: top-level keys (credsStore, keys we do not know …), and the
 * entries of credHelpers and of auths — except the auths entries of `changedHosts`, which the logins and logouts
 * themselves were meant to change. Values that changed are not touched: only what vanished.
 */
export function lostKeys(before: Doc, now: Doc, changedHosts: ReadonlySet<string>): { path: string[]; value: unknown }[] {
  const lost: { path: string[]; value: unknown }[] = [];
  for (const [key, value] of Object.entries(before)) {
    if (!(key in now)) {
      if (key !== 'auths' || !isObject(value) || Object.keys(value).some((h) => !changedHosts.has(canonicalHost(h)))) {
        lost.push({ path: [key], value: key === 'auths' && isObject(value) ? Object.fromEntries(Object.entries(value).filter(([h]) => !changedHosts.has(canonicalHost(h)))) : value });
      }
      continue;
    }
    if ((key === 'auths' || key === 'credHelpers') && isObject(value) && isObject(now[key])) {
      for (const [sub, v] of Object.entries(value)) {
        if (key === 'auths' && changedHosts.has(canonicalHost(sub))) continue;
        if (!(sub in (now[key] as Doc))) lost.push({ path: [key, sub], value: v });
      }
    }
  }
  return lost;
}

/**
 * Puts back what another writer dropped from config.json while the logins ran (docker's Save keeps only the keys it
 * knows; two writers at once keep one view). Written like every change the app makes to Finch's files (a fix's
 * transaction): backed up first, so Undo can take it back; atomically, with the file's mode; and only if the file is
 * still the one just read (checked again right before the rename): a write that raced is never merged away.
 * Returns the dotted names of what was put back.
 */
export async function restoreLostKeys(paths: Paths, before: ConfigJson, changedHosts: ReadonlySet<string>, now: Date): Promise<string[]> {
  if (!before.exists || !before.valid) return [];
  let current: ConfigForEdit;
  try {
    current = await loadConfigForEdit(paths.configJson);
  } catch {
    return []; // gone, unreadable or not JSON now: nothing to put back into
  }
  if (current.current.kind !== 'file') return [];
  const lost = lostKeys(before.raw, current.config.raw, changedHosts);
  const edit = configEdit(current, (doc) => {
    for (const { path: p, value } of lost) {
      if (p.length === 1) doc[p[0]!] = value;
      else (doc[p[0]!] as Doc)[p[1]!] = value;
    }
  });
  if (lost.length === 0 || !edit) return [];
  try {
    await commitEdits([edit], { fixId: restoreKeysChangeId, stateDir: paths.stateDir, now, elevator: osascriptElevator });
  } catch (e) {
    if (e instanceof Failure && e.kind === 'changed-since-preview') return []; // changed again meanwhile: leave it to its writer
    throw e;
  }
  return lost.map((l) => l.path.join('.'));
}
