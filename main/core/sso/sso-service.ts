// IAM Identity Center for the shells (window and CLI): the sessions and whether the user is signed in, sign-in,
// the account picker's data (accounts, roles, the role remembered per account), and adding the ECR registries of
// picked accounts in one step. The app never writes ~/.aws/config or credentials: typed start URLs and picked roles
// live in the app's state.
import { refuseWhileConfigInvalid } from '../finch/config-gate';
import type { SsoAccounts, SsoAuthorization, SsoRoleBinding, SsoSessionInfo } from '../../../shared/types';
import { readAwsProfiles } from '../aws/profiles';
import type { Env } from '../env';
import { Failure } from '../failure';
import { resolvePaths, type Paths } from '../paths';
import { ecrHostFor } from '../registries/host';
import { loadState, updateState } from '../state/app-state';
import { discoverAccounts, forgetAccounts } from './sso-accounts';
import { sessionEnded } from './sso-errors';
import { startSignIn, type PendingSignIn, type SignInDeps } from './sso-sign-in';
import { findSession, listSsoSessions, sessionLabel, typedSession, type SsoSession } from './sso-sessions';
import { keepSessionsFresh, sessionStatus } from './sso-token';

export async function readSessions(env: Env): Promise<{ paths: Paths; sessions: SsoSession[] }> {
  const paths = resolvePaths(env);
  const [aws, state] = await Promise.all([readAwsProfiles(paths), loadState(paths.stateDir)]);
  return { paths, sessions: listSsoSessions(aws, state) };
}

async function info(env: Env, paths: Paths, s: SsoSession): Promise<SsoSessionInfo> {
  const st = await sessionStatus(env, paths, s);
  return { id: s.id, label: sessionLabel(s), startUrl: s.startUrl, region: s.region, source: s.source, profiles: s.profiles, ...st };
}

/** What a round of keeping sessions fresh found: the sessions that have ended, and those signed in and live. */
export interface SessionRound {
  ended: { session: string; message: string }[];
  live: string[];
}

/** One round of keeping the signed-in sessions fresh (the app runs it every few minutes). */
export async function refreshSsoSessions(env: Env): Promise<SessionRound> {
  const { paths, sessions } = await readSessions(env);
  const ended = await keepSessionsFresh(env, paths, sessions);
  const endedIds = new Set(ended.map((s) => s.id));
  // Live: signed in (a token with time left, or one that can be refreshed) and not just refused a refresh.
  const states = await Promise.all(sessions.map(async (s) => ({ id: s.id, state: (await sessionStatus(env, paths, s)).state })));
  return {
    ended: ended.map((s) => ({ session: s.id, message: sessionEnded(s).message })),
    live: states.filter((s) => s.state === 'signed-in' && !endedIds.has(s.id)).map((s) => s.id),
  };
}

export async function ssoSessions(env: Env): Promise<SsoSessionInfo[]> {
  const { paths, sessions } = await readSessions(env);
  return Promise.all(sessions.map((s) => info(env, paths, s)));
}

/** The session an SSO profile of ~/.aws/config signs in with, or null when it names none. */
export async function profileSession(env: Env, profile: string): Promise<string | null> {
  const { sessions } = await readSessions(env);
  return sessions.find((s) => s.profiles.includes(profile))?.id ?? null;
}

export async function ssoSession(env: Env, id: string): Promise<{ paths: Paths; session: SsoSession }> {
  const { paths, sessions } = await readSessions(env);
  return { paths, session: findSession(sessions, id) };
}

/** Which session a sign-in is for: a known one by id, or a start URL and region typed once. */
export type SignInTarget = { session: string } | { startUrl: string; region: string };

export interface SignIns {
  /** Registers the client, starts the device authorization and opens the browser; returns the code to show. */
  start(target: SignInTarget): Promise<SsoAuthorization>;
  /** Waits for the user to approve in the browser; the token is then in the AWS CLI's cache. */
  finish(session: string): Promise<SsoSessionInfo>;
  cancel(session: string): void;
}

export interface SignInShell extends SignInDeps {
  /** Opens the verification page in the user's browser (the window: shell.openExternal; the CLI prints it). */
  openUrl?: (url: string) => void | Promise<void>;
}

/** Only a web page is handed to the browser: https, or plain http on this machine (a local test portal). */
export function browserUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
  } catch {
    return false;
  }
}

/** The sign-ins in progress in one process (the window's handler table, or one CLI run). */
export function createSignIns(env: Env, shell: SignInShell = {}): SignIns {
  const pending = new Map<string, { session: SsoSession; paths: Paths; run: PendingSignIn }>();
  return {
    async start(target) {
      let session: SsoSession;
      let paths: Paths;
      if ('session' in target) ({ paths, session } = await ssoSession(env, target.session));
      else {
        const { paths: p, sessions } = await readSessions(env);
        const typed = typedSession(target.startUrl, target.region);
        paths = p;
        session = sessions.find((s) => s.id === typed.id && s.region === typed.region) ?? { ...typed, profiles: [] };
      }
      pending.get(session.id)?.run.cancel();
      const run = await startSignIn(env, paths, session, shell);
      pending.set(session.id, { session, paths, run });
      if (browserUrl(run.authorization.verificationUriComplete)) await shell.openUrl?.(run.authorization.verificationUriComplete);
      return { session: session.id, userCode: run.authorization.userCode, verificationUri: run.authorization.verificationUri, expiresAt: run.authorization.expiresAt };
    },
    async finish(id) {
      const p = pending.get(id);
      if (!p) throw new Failure('sso-not-signing-in', 'No sign-in is in progress for this session.', 'Start the sign-in again.', { session: id });
      try {
        await p.run.done;
      } finally {
        if (pending.get(id) === p) pending.delete(id);
      }
      await afterSignIn(p.paths, p.session);
      return info(env, p.paths, p.session);
    },
    cancel(id) {
      pending.get(id)?.run.cancel();
    },
  };
}

/** A new sign-in may be another user: the cached account list is dropped; a typed start URL is remembered. */
async function afterSignIn(paths: Paths, s: SsoSession): Promise<void> {
  await forgetAccounts(paths, s);
  if (s.source !== 'typed') return;
  await updateState(paths.stateDir, (st) => {
    const typed = ((st.sso ??= {}).typed ??= []);
    if (!typed.some((t) => t.startUrl === s.startUrl && t.region === s.region)) typed.push({ startUrl: s.startUrl, region: s.region });
  });
}

export async function ssoAccounts(env: Env, sessionId: string, opts: { refresh?: boolean } = {}): Promise<SsoAccounts> {
  const { paths, session } = await ssoSession(env, sessionId);
  const [list, state] = await Promise.all([discoverAccounts(env, paths, session, opts), loadState(paths.stateDir)]);
  const remembered = state.sso?.roles?.[session.id] ?? {};
  return {
    session: session.id,
    fetchedAt: list.fetchedAt,
    accounts: list.accounts.map((a) => {
      const r = remembered[a.accountId];
      return { ...a, role: r && a.roles.includes(r) ? r : null };
    }),
  };
}

export async function rememberSsoRole(env: Env, binding: SsoRoleBinding): Promise<void> {
  const { paths, session } = await ssoSession(env, binding.session);
  await updateState(paths.stateDir, (st) => {
    (((st.sso ??= {}).roles ??= {})[session.id] ??= {})[binding.accountId] = binding.roleName;
  });
}

/**
 * The ECR registries of the picked accounts in the picked regions, added to the list and bound to the picked role
 * (the role is remembered for the account too). A registry bound to a profile before is bound to the role now.
 */
export async function addSsoRegistries(env: Env, sessionId: string, picks: { accountId: string; roleName: string }[], regions: string[]): Promise<string[]> {
  const { paths, session } = await ssoSession(env, sessionId);
  if (picks.length === 0 || regions.length === 0) throw new Failure('invalid-request', 'Pick at least one account and one region.');
  await refuseWhileConfigInvalid(env, 'add a registry');
  const hosts: string[] = [];
  await updateState(paths.stateDir, (st) => {
    const roles = (((st.sso ??= {}).roles ??= {})[session.id] ??= {});
    for (const { accountId, roleName } of picks) {
      roles[accountId] = roleName;
      for (const region of regions) {
        const host = ecrHostFor(accountId, region);
        const m = (st.registries[host] ??= {});
        m.added = true;
        m.sso = { session: session.id, accountId, roleName };
        delete m.profile;
        hosts.push(host);
      }
    }
  });
  return hosts;
}
