// A session's access token, kept fresh: read from the AWS CLI's cache, refreshed with the refresh token (the
// `refresh_token` grant, as botocore/tokens.py SSOTokenProvider and @aws-sdk/token-providers do) when less than
// 15 minutes are left — botocore's refresh window — and written back where they look. Refresh tokens rotate, so the
// refresh runs under a lock shared with every Finch Logins process and re-reads the cache inside it.
import path from 'node:path';
import type { Env } from '../env';
import { Failure } from '../failure';
import type { Paths } from '../paths';
import { withFileLock } from '../state/file-lock';
import { oidcClient } from './sso-clients';
import { isNetworkError, offline, sessionEnded } from './sso-errors';
import type { SsoSession } from './sso-sessions';
import { cliTime, readToken, tokenCacheKey, writeToken, type CachedToken } from './token-cache';

export const refreshWindowMs = 15 * 60_000;

export type SessionState = 'signed-in' | 'expired' | 'signed-out';

export interface SessionStatus {
  state: SessionState;
  /** When the access token runs out (it is refreshed before then while the session lasts). */
  expiresAt: string | null;
  /** A refresh token and a live client registration are cached: the session can be renewed without the browser. */
  canRefresh: boolean;
}

export function canRefresh(t: CachedToken, nowMs: number): boolean {
  return !!(t.refreshToken && t.clientId && t.clientSecret && t.registrationExpiresAt && Date.parse(t.registrationExpiresAt) > nowMs);
}

export async function sessionStatus(env: Env, paths: Paths, s: SsoSession): Promise<SessionStatus> {
  const t = await readToken(paths, s);
  if (!t) return { state: 'signed-out', expiresAt: null, canRefresh: false };
  const now = env.now().getTime();
  const refreshable = canRefresh(t, now);
  const state = Date.parse(t.expiresAt) > now || refreshable ? 'signed-in' : 'expired';
  return { state, expiresAt: new Date(Date.parse(t.expiresAt)).toISOString(), canRefresh: refreshable };
}

const lockFile = (paths: Paths, s: SsoSession) => path.join(paths.stateDir, 'sso', `token-${tokenCacheKey(s)}`);

/** The refresh_token grant; the new token keeps the registration, as SSOTokenProvider._attempt_create_token does. */
async function refresh(env: Env, s: SsoSession, t: CachedToken): Promise<CachedToken> {
  const { client, sdk } = await oidcClient(env, s.region);
  const out = await client.send(
    new sdk.CreateTokenCommand({ grantType: 'refresh_token', clientId: t.clientId!, clientSecret: t.clientSecret!, refreshToken: t.refreshToken! }),
  );
  if (!out.accessToken || !out.expiresIn) throw new Error('IAM Identity Center returned no token.');
  return {
    startUrl: s.startUrl,
    region: s.region,
    accessToken: out.accessToken,
    expiresAt: cliTime(env.now().getTime() + out.expiresIn * 1000),
    clientId: t.clientId!,
    clientSecret: t.clientSecret!,
    registrationExpiresAt: t.registrationExpiresAt!,
    refreshToken: out.refreshToken ?? t.refreshToken!,
  };
}

/**
 * A usable access token for the session, refreshed first when it is within the refresh window (or `force`d, e.g.
 * after the portal refused it). Fails with `sso-session-ended` when the session cannot go on without the browser.
 */
export async function accessToken(env: Env, paths: Paths, s: SsoSession, opts: { force?: boolean } = {}): Promise<string> {
  const usable = (t: CachedToken | null, now: number) => !!t && !opts.force && Date.parse(t.expiresAt) - now > refreshWindowMs;
  const first = await readToken(paths, s);
  if (!first) throw new Failure('sso-signed-out', `You are not signed in to IAM Identity Center (${s.name ?? s.startUrl}).`, 'Sign in first.', { session: s.id });
  if (usable(first, env.now().getTime())) return first.accessToken;
  return withFileLock(lockFile(paths, s), async () => {
    const now = env.now().getTime();
    const t = await readToken(paths, s);
    if (!t) throw sessionEnded(s);
    // Another process refreshed it while we waited for the lock.
    if (t.accessToken !== first.accessToken && Date.parse(t.expiresAt) - now > refreshWindowMs) return t.accessToken;
    if (usable(t, now)) return t.accessToken;
    const stillValid = Date.parse(t.expiresAt) > now && !opts.force;
    if (!canRefresh(t, now)) {
      if (stillValid) return t.accessToken;
      throw sessionEnded(s);
    }
    try {
      const next = await refresh(env, s, t);
      await writeToken(paths, s, next);
      return next.accessToken;
    } catch (e) {
      if (e instanceof Failure) throw e;
      // Offline or throttled with time left: the old token still works for now.
      if (stillValid) return t.accessToken;
      if (isNetworkError(e)) throw offline(s);
      throw sessionEnded(s); // invalid_grant: the refresh token was revoked or the session reached its end
    }
  });
}

/**
 * Refreshes every session whose token is within the refresh window and can be refreshed, so the AWS CLI, the SDKs
 * and docker-credential-ecr-login keep finding a live token while the app runs. Returns the sessions that have
 * truly ended (their logins report it, once, through auto-renew); other failures (offline) wait for the next round.
 */
export async function keepSessionsFresh(env: Env, paths: Paths, sessions: SsoSession[]): Promise<SsoSession[]> {
  const ended: SsoSession[] = [];
  for (const s of sessions) {
    const t = await readToken(paths, s);
    const now = env.now().getTime();
    if (!t || !canRefresh(t, now) || Date.parse(t.expiresAt) - now > refreshWindowMs) continue;
    try {
      await accessToken(env, paths, s);
    } catch (e) {
      if (e instanceof Failure && e.kind === 'sso-session-ended') ended.push(s);
    }
  }
  return ended;
}
