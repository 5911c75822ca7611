// Logins, logouts and "log in to all": tokens from AWS or a password from the user or the keychain, handed to
// `finch login` on stdin; expiry and profile choices remembered in the app state (never the secret).
import { inputNeededKinds, type PasswordReason } from '../../../shared/ids';
import { loginAllHosts, type LoginAllMode } from '../../../shared/login-all';
import type { AppError, LoginOutcome, LoginRequest, LogoutRequest, SsoRoleBinding } from '../../../shared/types';
import { readAwsProfiles, type AwsProfiles } from '../aws/profiles';
import type { Env } from '../env';
import { Failure, toAppError } from '../failure';
import { refuseWhileConfigInvalid } from '../finch/config-gate';
import { readConfigJson, type ConfigJson } from '../finch/config-json';
import { Problems } from '../problems';
import { logFailure, secretsOf, type Log } from '../log';
import { resolvePaths, type Paths } from '../paths';
import { loginAddress, parseEcrHost, parseUserHost, registryKind } from '../registries/host';
import { needsRootToRead, readSnapshot } from '../snapshot';
import { statusFrom } from '../status';
import { loadState, updateState, type AppState } from '../state/app-state';
import { ecrPublicToken, ecrToken, profileCredentials, warmUpSdk, type CredentialsProvider, type RegistryToken } from './ecr-token';
import type { Invocation } from './finch-invocation';
import type { KnownFinch } from '../finch/finch-cli';
import { finchLogin, finchLogout, prepareFinch } from './finch-login';
import { withConfigLock } from '../state/config-lock';
import { lostKeys, loginRewritesConfig, restoreLostKeys, stillLoggedIn, storedLogins, type StoredLogin } from './config-writes';
import { keychainService, systemKeychain, type Keychain } from './keychain';
import { mapLimit } from './limit';
import { accountLookup, refuseBrokenAwsFiles, resolveProfile, type AccountLookup } from './profile-resolver';
import { ssoRoleCredentials } from '../sso/sso-role-credentials';
import { findSession, listSsoSessions, type SsoSession } from '../sso/sso-sessions';

export const loginAllConcurrency = 12;

export interface LoginDeps {
  keychain?: () => Promise<Keychain>;
  /** Where failures are logged (an unexpected one with its stack); the login's secrets never reach it. */
  log?: Log;
}

/** The value kept under `key`, made on first use. */
function cached<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** One batch of logins: AWS files and state read once, one token request per profile + region. */
class Batch {
  private tokens = new Map<string, Promise<RegistryToken>>();
  private credentialsByProfile = new Map<string, CredentialsProvider>();
  readonly learned = new Map<string, string>();
  private keychainPromise?: Promise<Keychain>;
  /** Which account each profile belongs to, asked once per batch. */
  readonly accounts: AccountLookup;
  constructor(
    readonly env: Env,
    readonly paths: Paths,
    readonly aws: AwsProfiles,
    readonly state: AppState,
    /** config.json as it was when the batch began: what the logins are planned from and what no key may be lost of. */
    readonly config: ConfigJson,
    readonly deps: LoginDeps,
  ) {
    this.accounts = accountLookup(env, aws, state, this.learned, (p) => this.credentials(p));
  }

  private finchPromise?: Promise<Invocation & { known?: KnownFinch }>;
  finch(): Promise<Invocation & { known?: KnownFinch }> {
    return (this.finchPromise ??= prepareFinch(this.env, this.paths, this.state.finch));
  }

  private changes: { host?: string; change: (s: AppState) => void }[] = [];
  /** Logins finch reported done that the read-back did not find stored: nothing about them is recorded. */
  private notStored = new Set<string>();
  /** A change to the app state, written with the others when the batch ends (one write, not one per login). */
  record(change: (s: AppState) => void, host?: string): void {
    this.changes.push({ ...(host ? { host } : {}), change });
  }

  async flush(): Promise<void> {
    const changes = this.changes.splice(0).filter((c) => !(c.host && this.notStored.has(c.host)));
    if (changes.length === 0 && this.learned.size === 0) return;
    await updateState(this.paths.stateDir, (s) => {
      for (const { change } of changes) change(s);
      for (const [p, accountId] of this.learned) (s.accounts ??= {})[p] = { accountId, checkedAt: this.env.now().toISOString() };
    });
  }

  /** Runs the batch's work, then writes what it learned and ends its root session (Linux), whatever happened. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.finchPromise?.then((f) => f.session?.close(), () => undefined);
      await this.flush();
    }
  }

  /** What each login handed to finch, kept in memory only until the read-back has looked for it. */
  private handed = new Map<string, StoredLogin>();

  /**
   * `finch login`, alone for this config.json when it rewrites the file (plaintext, or a first helper login), beside
   * the others when its credential lands in a helper and the file stays as it is (config-writes.ts).
   */
  async finchLogin(host: string, username: string, secret: string): Promise<Invocation & { known?: KnownFinch }> {
    const finch = await this.finch();
    this.handed.set(host, { host, username, secret });
    const go = () => finchLogin(finch, host, username, secret);
    await (loginRewritesConfig(this.config, host, loginAddress(host)) ? withConfigLock(this.paths, go) : go());
    return finch;
  }

  /** Keychain changes a login asks for (--remember, or forgetting), made only once the login is known to be stored. */
  private keychainChanges = new Map<string, () => Promise<void>>();
  onceStored(host: string, change: () => Promise<void>): void {
    this.keychainChanges.set(host, change);
  }

  /**
   * A login counts only when it is stored: reads back what finch reported done; a login that is not there is tried
   * once more, alone, then reported as failed in plain words. Keys of config.json that vanished while the logins
   * ran (credsStore, credHelpers, other hosts, keys docker does not know) are put back. Then the keychain is changed
   * for the logins that are stored — a login reported failed leaves no password of its own behind.
   */
  async settle(outcomes: LoginOutcome[]): Promise<LoginOutcome[]> {
    const settled = await this.readBack(outcomes);
    const changes = this.keychainChanges;
    this.keychainChanges = new Map();
    return Promise.all(
      settled.map(async (o) => {
        const change = changes.get(o.host);
        if (!change || o.result !== 'logged-in') return o;
        try {
          await change();
          return o;
        } catch (e) {
          // The login has happened: a keychain failure now is a warning on a success, not a failed login (it is
          // about this login, so it goes before a note that keys were put back).
          return { ...o, warning: toAppError(e) };
        }
      }),
    );
  }

  private async readBack(outcomes: LoginOutcome[]): Promise<LoginOutcome[]> {
    const attempted = new Set(this.handed.keys());
    if (attempted.size === 0) return outcomes;
    // Root's config.json, and we are not root (Linux desktop): we cannot read what finch stored, so finch's own
    // answer stands, as in a terminal. Reading it back would find nothing and fail every login.
    if (this.config.denied) {
      this.handed.clear();
      return outcomes;
    }
    const done = outcomes.filter((o) => o.result === 'logged-in' && this.handed.has(o.host)).map((o) => this.handed.get(o.host)!);
    const stored = done.length ? await storedLogins(this.env, this.paths, done) : new Set<string>();
    const failures = new Map<string, AppError>();
    for (const l of done.filter((x) => !stored.has(x.host))) {
      try {
        const finch = await this.finch();
        const again = await withConfigLock(this.paths, async () => {
          await finchLogin(finch, l.host, l.username, l.secret);
          return storedLogins(this.env, this.paths, [l]);
        });
        if (!again.has(l.host)) failures.set(l.host, notStoredFailure(l.host).toJSON());
      } catch (e) {
        failures.set(l.host, toAppError(e));
      }
    }
    this.handed.clear();
    for (const host of failures.keys()) this.notStored.add(host);
    const restored = await putBackLostKeys(this.paths, this.config, attempted, this.env.now());
    let warned = false;
    return outcomes.map((o) => {
      const error = failures.get(o.host);
      if (error) return { host: o.host, result: 'failed', error };
      if (restored.length && o.result === 'logged-in' && !o.warning && !warned) {
        warned = true;
        return { ...o, warning: restoredWarning(restored) };
      }
      return o;
    });
  }

  keychain(): Promise<Keychain> {
    return (this.keychainPromise ??= (this.deps.keychain ?? systemKeychain)());
  }

  /** A profile's credentials, resolved once per batch (and per MFA code). */
  credentials(profile: string, mfaCode?: string): CredentialsProvider {
    return cached(this.credentialsByProfile, `${profile}|${mfaCode ?? ''}`, () => profileCredentials(this.env, this.paths, profile, mfaCode));
  }

  private ssoSessionList?: SsoSession[];
  /** An IAM Identity Center role's credentials, resolved once per session + account + role per batch. */
  ssoCredentials(b: SsoRoleBinding): CredentialsProvider {
    return cached(this.credentialsByProfile, `sso|${b.session}|${b.accountId}|${b.roleName}`, () => {
      const session = findSession((this.ssoSessionList ??= listSsoSessions(this.aws, this.state)), b.session);
      return ssoRoleCredentials(this.env, this.paths, session, b.accountId, b.roleName);
    });
  }

  token(key: string, fetch: () => Promise<RegistryToken>): Promise<RegistryToken> {
    return cached(this.tokens, key, fetch);
  }

  defaultProfile(): string | null {
    const names = this.aws.profiles.map((p) => p.name);
    const fromEnv = this.env.vars.AWS_PROFILE;
    if (fromEnv && names.includes(fromEnv)) return fromEnv;
    return names.includes('default') ? 'default' : null;
  }
}

/** A password registry that needs the user: the words for each reason (the window and the e2e stubs use these). */
export function needsPassword(host: string, reason: PasswordReason): Failure {
  switch (reason) {
    case 'no-username':
      return new Failure('needs-password', `Enter the username for ${host}.`, undefined, { host, reason });
    case 'keychain-empty':
      return new Failure('needs-password', `The password for ${host} is no longer in the keychain.`, 'Enter it again.', { host, reason });
    case 'not-remembered':
      return new Failure('needs-password', `${host} needs a username and a password or access token.`, undefined, { host, reason });
  }
}

async function openBatch(env: Env, deps: LoginDeps): Promise<Batch> {
  const paths = resolvePaths(env);
  const [aws, state, config] = await Promise.all([readAwsProfiles(paths), loadState(paths.stateDir), readConfigJson(paths.configJson, new Problems(), { rootsFile: needsRootToRead(env) })]);
  return new Batch(env, paths, aws, state, config, deps);
}

function notStoredFailure(host: string): Failure {
  return new Failure(
    'not-stored',
    `Finch said the login to ${host} succeeded, but it is not stored: another program wrote config.json at the same moment and dropped it. Trying again alone gave the same result.`,
    'Wait for other logins (a terminal, another Finch Logins) to finish, then log in again.',
  );
}

function restoredWarning(keys: string[]): AppError {
  return {
    kind: 'config-keys-restored',
    message: `While logging in, config.json lost ${keys.join(', ')} (rewritten by another program or by docker's own writer); Finch Logins put ${keys.length === 1 ? 'it' : 'them'} back.`,
  };
}

/** Checks without the lock first: nearly always nothing is lost, and the lock may be busy with another batch. */
async function putBackLostKeys(paths: Paths, before: ConfigJson, changedHosts: ReadonlySet<string>, at: Date): Promise<string[]> {
  if (!before.valid || !before.exists) return [];
  const now = await readConfigJson(paths.configJson, new Problems());
  if (!now.valid || lostKeys(before.raw, now.raw, changedHosts).length === 0) return [];
  return withConfigLock(paths, () => restoreLostKeys(paths, before, changedHosts, at));
}

function canonical(host: string): string {
  const parsed = parseUserHost(host);
  if ('error' in parsed) throw new Failure('invalid-host', parsed.error);
  return parsed.host;
}

async function loginOne(b: Batch, req: LoginRequest): Promise<LoginOutcome> {
  const host = canonical(req.host);
  const kind = registryKind(host);
  const remembered = b.state.registries[host];
  let username: string;
  let secret: string;
  let profile: string | undefined;
  let sso: SsoRoleBinding | undefined;
  let expiresAt: string | null = null;

  if (kind === 'ecr' || kind === 'ecr-public') {
    if (kind === 'ecr') {
      const ecr = parseEcrHost(host)!;
      // A profile picked for the registry wins over the IAM Identity Center role it was added with.
      const resolved = await resolveProfile(host, ecr.accountId, ecr.region, b.aws, b.state, b.accounts, req.profile, remembered?.sso);
      let token: RegistryToken;
      if ('sso' in resolved) {
        sso = resolved.sso;
        const role = sso;
        token = await b.token(`ecr|sso|${role.session}|${role.accountId}|${role.roleName}|${ecr.region}`, () => ssoEcrToken(b, role, ecr.region));
      } else {
        profile = resolved.profile;
        const p = profile;
        token = await b.token(`ecr|${p}|${ecr.region}|${req.mfaCode ?? ''}`, () => ecrToken(b.env, { profile: p, region: ecr.region, credentials: b.credentials(p, req.mfaCode) }));
      }
      ({ username, password: secret } = token);
      expiresAt = token.expiresAt;
    } else {
      profile = req.profile ?? remembered?.profile ?? b.defaultProfile() ?? undefined;
      if (!profile) throw new Failure('needs-profile', 'Pick the AWS profile to log in to ECR Public with.', 'Any profile works: ECR Public tokens come from us-east-1.', { host });
      refuseBrokenAwsFiles(b.aws, host, profile);
      const p = profile;
      const token = await b.token(`public|${p}|${req.mfaCode ?? ''}`, () => ecrPublicToken(b.env, { profile: p, credentials: b.credentials(p, req.mfaCode) }));
      ({ username, password: secret } = token);
      expiresAt = token.expiresAt;
    }
  } else if (req.password !== undefined) {
    if (!req.username) throw needsPassword(host, 'no-username');
    username = req.username;
    secret = req.password;
  } else if (remembered?.rememberedUser) {
    const stored = await (await b.keychain()).getPassword(keychainService, host);
    if (stored === null) throw needsPassword(host, 'keychain-empty');
    username = remembered.rememberedUser;
    secret = stored;
  } else {
    throw needsPassword(host, 'not-remembered');
  }

  const finch = await b.finchLogin(host, username, secret);

  // The keychain is changed once the login is known to be stored (Batch.settle): remembered, or forgotten when the
  // user did not ask to remember it this time.
  let rememberedNow = false;
  const typed = req.password;
  if (kind !== 'ecr' && kind !== 'ecr-public' && typed !== undefined) {
    b.onceStored(host, async () => {
      const keychain = await b.keychain();
      if (req.remember) await keychain.setPassword(keychainService, host, typed);
      else if (remembered?.rememberedUser) await keychain.deletePassword(keychainService, host);
      rememberedNow = !!req.remember;
    });
  }
  if (finch.known) b.record((s) => (s.finch = finch.known));
  b.record((s) => {
    const m = (s.registries[host] ??= {});
    if (expiresAt) m.expiresAt = expiresAt;
    else delete m.expiresAt;
    if (profile) m.loggedInWith = profile;
    if (sso) {
      // The role it logged in with stays bound (also when found through the account's remembered role).
      m.sso = sso;
      delete m.loggedInWith;
    }
    if (req.profile) {
      m.profile = req.profile;
      delete m.sso;
    }
    if (req.password !== undefined) {
      if (rememberedNow) m.rememberedUser = username;
      else if (!req.remember) delete m.rememberedUser;
    }
  }, host);
  return { host, result: 'logged-in', ...(profile ? { profile } : {}), ...(sso ? { sso } : {}), expiresAt };
}

/** An ECR token with an IAM Identity Center role's credentials; AWS's refusal names the role, not a profile. */
async function ssoEcrToken(b: Batch, role: SsoRoleBinding, region: string): Promise<RegistryToken> {
  const who = `${role.roleName}@${role.accountId}`;
  try {
    return await ecrToken(b.env, { profile: who, region, credentials: b.ssoCredentials(role) });
  } catch (e) {
    if (e instanceof Failure && e.kind === 'access-denied') {
      throw new Failure('access-denied', `AWS denied ecr:GetAuthorizationToken to role ${role.roleName} in account ${role.accountId}.`, 'Pick another role for this account, or ask your administrator to allow ecr:GetAuthorizationToken in this permission set.', { accountId: role.accountId, roleName: role.roleName });
    }
    throw e;
  }
}

async function attempt(b: Batch, req: LoginRequest): Promise<LoginOutcome> {
  try {
    return await loginOne(b, req);
  } catch (e) {
    logFailure(b.deps.log, `login ${req.host}`, e, secretsOf(req));
    const error = toAppError(e);
    return { host: req.host, result: 'failed', error };
  }
}

export async function login(env: Env, req: LoginRequest, deps: LoginDeps = {}): Promise<LoginOutcome> {
  await refuseWhileConfigInvalid(env, 'log in');
  const b = await openBatch(env, deps);
  return b.run(async () => (await b.settle([await attempt(b, req)]))[0]!);
}

/** Several hosts in one batch (the CLI's `login a b c`). */
export async function loginMany(env: Env, reqs: LoginRequest[], deps: LoginDeps = {}): Promise<LoginOutcome[]> {
  await refuseWhileConfigInvalid(env, 'log in');
  const b = await openBatch(env, deps);
  return b.run(async () => b.settle(await mapLimit(reqs, loginAllConcurrency, (r) => attempt(b, r))));
}

/**
 * "Log in to all" (`shared/login-all.ts` says what that selects): by default the logins that are expired, expiring
 * or missing, with `relogin` every login the app can make. Only the selected registries get an outcome; one that
 * needs typing (a password, an MFA code, a profile) is reported as skipped.
 */
export async function loginAll(env: Env, deps: LoginDeps = {}, mode: LoginAllMode = 'renew'): Promise<LoginOutcome[]> {
  // The registries as the status lists them, without probing finch and its VM: the batch checks finch once, while
  // the first tokens are fetched. The SDK loads meanwhile.
  await refuseWhileConfigInvalid(env, 'log in');
  warmUpSdk();
  const snapshot = await readSnapshot(env, { probeFinch: false, readFinchYaml: false });
  const hosts = loginAllHosts(statusFrom(snapshot).registries, mode);
  if (hosts.length === 0) return [];
  const b = new Batch(env, snapshot.paths, snapshot.aws, snapshot.state, snapshot.config, deps);
  b.finch().catch(() => undefined); // its failure is reported by each login that awaits it
  return b.run(async () =>
    b.settle(
      await mapLimit(hosts, loginAllConcurrency, async (host): Promise<LoginOutcome> => {
        const outcome = await attempt(b, { host });
        if (outcome.result === 'failed' && outcome.error && inputNeededKinds.has(outcome.error.kind)) return { ...outcome, result: 'skipped' };
        return outcome;
      }),
    ),
  );
}

/**
 * `finch logout`, alone for this config.json (docker's logout rewrites it), then read back: a login still stored
 * is logged out once more, then reported. Keys that vanished meanwhile are put back.
 */
export async function logout(env: Env, req: LogoutRequest, deps: LoginDeps = {}): Promise<void> {
  await refuseWhileConfigInvalid(env, 'log out');
  const host = canonical(req.host);
  const paths = resolvePaths(env);
  const before = await readConfigJson(paths.configJson, new Problems());
  await withConfigLock(paths, async () => {
    await finchLogout(env, paths, loginAddress(host));
    if (await stillLoggedIn(env, paths, host)) {
      await finchLogout(env, paths, loginAddress(host));
      if (await stillLoggedIn(env, paths, host)) {
        throw new Failure('logout-not-done', `Finch said ${host} was logged out, but its login is still stored.`, `Another program may have written config.json at the same moment: log out again, or run \`finch logout ${loginAddress(host)}\` in a terminal.`);
      }
    }
  });
  await putBackLostKeys(paths, before, new Set([host]), env.now());
  const state = await loadState(paths.stateDir);
  if (req.forget && state.registries[host]?.rememberedUser) {
    await (await (deps.keychain ?? systemKeychain)()).deletePassword(keychainService, host);
  }
  await updateState(paths.stateDir, (s) => {
    const m = s.registries[host];
    if (!m) return;
    delete m.expiresAt;
    delete m.loggedInWith;
    if (req.forget) delete m.rememberedUser;
  });
}

/** Binds a profile to a registry (null removes the binding). */
export async function setRegistryProfile(env: Env, host: string, profile: string | null): Promise<void> {
  const h = canonical(host);
  await updateState(resolvePaths(env).stateDir, (s) => {
    const m = (s.registries[h] ??= {});
    if (profile) {
      m.profile = profile;
      delete m.sso; // the newest choice wins: a profile now, not the Identity Center role it was added with
    } else delete m.profile;
  });
}

/** Adds registries the user typed or derived (ECR from a profile) so they are listed before any login. */
export async function addRegistries(env: Env, hosts: string[]): Promise<string[]> {
  // A registry added now could not be logged in to, and the list it joins is not what Finch reads.
  await refuseWhileConfigInvalid(env, 'add a registry');
  const canon = hosts.map(canonical);
  await updateState(resolvePaths(env).stateDir, (s) => {
    for (const h of canon) (s.registries[h] ??= {}).added = true;
  });
  return canon;
}
