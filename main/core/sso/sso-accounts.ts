// Discovery: every account the signed-in user can reach and the roles they may use there (ListAccounts, then
// ListAccountRoles per account; both paginated). Hundreds of accounts stay fast: pages of 100, role lists fetched
// in parallel with a limit (the SDK retries throttling), and the result cached for an hour in the app's state folder
// (account names and role names, no secret). Signing in again, or asking for a refresh, fetches anew.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import type { Env } from '../env';
import { mapLimit } from '../login/limit';
import type { Paths } from '../paths';
import { privateFile } from '../state/app-state';
import { portalClient } from './sso-clients';
import { portalFailure } from './sso-errors';
import type { SsoSession } from './sso-sessions';
import { accessToken } from './sso-token';
import { tokenCacheKey } from './token-cache';

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  /** Role (permission set) names the user may use in this account; empty when none is assigned. */
  roles: string[];
}

export interface AccountList {
  fetchedAt: string;
  accounts: SsoAccount[];
}

export const accountsTtlMs = 60 * 60_000;
export const rolesConcurrency = 8;
const pageSize = 100;

export const accountsCacheFile = (paths: Paths, s: SsoSession) => path.join(paths.stateDir, 'sso', `accounts-${tokenCacheKey(s)}.json`);

async function readCache(paths: Paths, s: SsoSession): Promise<(AccountList & { startUrl: string }) | null> {
  try {
    const doc = JSON.parse(await readFile(accountsCacheFile(paths, s), 'utf8')) as AccountList & { startUrl: string };
    return doc.startUrl === s.startUrl && Array.isArray(doc.accounts) && typeof doc.fetchedAt === 'string' ? doc : null;
  } catch {
    return null;
  }
}

export async function forgetAccounts(paths: Paths, s: SsoSession): Promise<void> {
  await rm(accountsCacheFile(paths, s), { force: true });
}

/** Runs a portal call with the session's token; when the portal refuses it, once more after a forced refresh. */
export async function withSessionToken<T>(env: Env, paths: Paths, s: SsoSession, call: (token: string) => Promise<T>, role?: { accountId: string; roleName: string }): Promise<T> {
  const token = await accessToken(env, paths, s);
  try {
    return await call(token);
  } catch (e) {
    if ((e as { name?: string }).name !== 'UnauthorizedException') throw portalFailure(e, s, role);
  }
  const fresh = await accessToken(env, paths, s, { force: true });
  try {
    return await call(fresh);
  } catch (e) {
    throw portalFailure(e, s, role);
  }
}

export async function discoverAccounts(env: Env, paths: Paths, s: SsoSession, opts: { refresh?: boolean } = {}): Promise<AccountList> {
  const now = env.now().getTime();
  if (!opts.refresh) {
    const cached = await readCache(paths, s);
    if (cached && now - Date.parse(cached.fetchedAt) < accountsTtlMs) return { fetchedAt: cached.fetchedAt, accounts: cached.accounts };
  }
  const { client, sdk } = await portalClient(env, s.region);
  const accounts = await withSessionToken(env, paths, s, async (token) => {
    const list: SsoAccount[] = [];
    for await (const page of sdk.paginateListAccounts({ client, pageSize }, { accessToken: token })) {
      for (const a of page.accountList ?? []) {
        if (a.accountId) list.push({ accountId: a.accountId, accountName: a.accountName ?? a.accountId, emailAddress: a.emailAddress ?? '', roles: [] });
      }
    }
    await mapLimit(list, rolesConcurrency, async (a) => {
      for await (const page of sdk.paginateListAccountRoles({ client, pageSize }, { accessToken: token, accountId: a.accountId })) {
        for (const r of page.roleList ?? []) if (r.roleName) a.roles.push(r.roleName);
      }
    });
    return list;
  });
  accounts.sort((a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId));
  const result = { fetchedAt: new Date(now).toISOString(), accounts };
  await writeFileAtomic(accountsCacheFile(paths, s), Buffer.from(JSON.stringify({ startUrl: s.startUrl, ...result })), privateFile);
  return result;
}
