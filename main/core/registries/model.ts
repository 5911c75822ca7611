// One list of registries from everything Finch knows: config.json's auths and credHelpers, the credential
// store's list, and registries added in the app. Each gets docker's auth source and a login state.
import type { Registry } from '../../../shared/types';
import { holdsSecret, plaintextUsername, shadowableSecret, type AuthEntry, type ConfigJson } from '../finch/config-json';
import type { AppState } from '../state/app-state';
import { canonicalHost, parseEcrHost, registryKind } from './host';
import { stateFromExpiry } from '../../../shared/login-state';

export interface StoreListing {
  helper: string;
  /** Canonical host → username; null when the store could not be listed. */
  entries: Record<string, string> | null;
}

export interface RegistryInputs {
  config: ConfigJson;
  store: StoreListing | null;
  state: AppState;
  now: Date;
}

interface Gathered {
  auths: AuthEntry[];
  helper?: string;
  storeUser?: string;
}

export function buildRegistries({ config, store, state, now }: RegistryInputs): Registry[] {
  const byHost = new Map<string, Gathered>();
  const at = (key: string) => {
    const host = canonicalHost(key);
    let g = byHost.get(host);
    if (!g) byHost.set(host, (g = { auths: [] }));
    return g;
  };
  for (const [key, entry] of Object.entries(config.auths)) at(key).auths.push(entry);
  for (const [key, helper] of Object.entries(config.credHelpers)) at(key).helper = helper;
  for (const [key, user] of Object.entries(store?.entries ?? {})) at(key).storeUser = user;
  for (const [host, memory] of Object.entries(state.registries)) {
    // Root's config.json unreadable: the registries this app logged in to are the ones it knows of.
    if (memory.added || config.denied) at(host);
  }

  const registries = [...byHost.entries()].map(([host, g]) => describe(host, g, config, store, state, now));
  return registries.sort((a, b) => kindOrder(a) - kindOrder(b) || a.host.localeCompare(b.host));
}

const order = { ecr: 0, 'ecr-public': 1, 'docker-hub': 2, other: 3 } as const;
const kindOrder = (r: Registry) => order[r.kind];

function describe(host: string, g: Gathered, config: ConfigJson, store: StoreListing | null, state: AppState, now: Date): Registry {
  const kind = registryKind(host);
  const ecr = kind === 'ecr' ? parseEcrHost(host) : null;
  const memory = state.registries[host] ?? {};
  const plain = g.auths.find(holdsSecret);
  const base: Registry = {
    host,
    kind,
    ...(ecr ? { accountId: ecr.accountId, region: ecr.region } : {}),
    auth: 'none',
    profile: memory.profile ?? memory.loggedInWith ?? null,
    ...(memory.sso && !memory.profile ? { sso: memory.sso } : {}),
    expiresAt: null,
    state: 'logged-out',
  };
  // Whether a login is stored, and where, is in the file we may not read — or cannot understand.
  if (config.denied || !config.valid) return { ...base, state: 'unknown' };
  // docker's precedence (docker/cli cli/config/configfile/file.go, GetCredentialsStore): a per-registry helper, then
  // the default store, then plaintext in the file. With a helper or store, a secret left in the file is never read.
  const shadowed = g.auths.some(shadowableSecret) ? ({ plaintextShadowed: true } as const) : {};
  if (g.helper) {
    // A helper such as ecr-login fetches credentials on demand: whether that works is a health check's job.
    return { ...base, auth: 'cred-helper', helper: g.helper, state: 'unknown', ...shadowed };
  }
  if (config.credsStore) {
    const r: Registry = { ...base, auth: 'creds-store', helper: config.credsStore, ...shadowed };
    if (store?.entries === null || store === null) return { ...r, state: 'unknown' };
    if (g.storeUser === undefined) return r;
    return withExpiry({ ...r, username: g.storeUser }, memory.expiresAt, now);
  }
  if (plain) {
    const username = plaintextUsername(plain);
    return withExpiry({ ...base, auth: 'plaintext', ...(username ? { username } : {}) }, memory.expiresAt, now);
  }
  return base;
}

/** A stored login is logged in; when this app made it, its recorded expiry refines that. */
function withExpiry(r: Registry, expiresAt: string | undefined, now: Date): Registry {
  if (!expiresAt) return { ...r, state: 'logged-in' };
  return { ...r, expiresAt, state: stateFromExpiry(expiresAt, now.getTime()) };
}
