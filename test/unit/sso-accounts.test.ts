// Account discovery's two promises to hundreds of accounts: the list is cached for an hour (by the injected clock,
// Env.now), and role lists are fetched at most `rolesConcurrency` at a time. The SDK's own portal client talks to a
// fake portal on loopback (AWS_ENDPOINT_URL_SSO, the SDK's way) that holds every ListAccountRoles open for a moment
// and counts how many are in flight at once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentEnv, type Env } from '../../main/core/env';
import { resolvePaths } from '../../main/core/paths';
import { accountsTtlMs, discoverAccounts } from '../../main/core/sso/sso-accounts';
import { cliTime, writeToken } from '../../main/core/sso/token-cache';
import { tempDir } from '../support/sandbox-home';

const accountCount = 40;
const calls = { accounts: 0, roles: 0, inFlight: 0, maxInFlight: 0 };
let server: Server;
let endpoint = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/assignment/accounts') {
      calls.accounts++;
      const ids = Array.from({ length: accountCount }, (_, i) => String(200000000000 + i));
      return send({ accountList: ids.map((accountId) => ({ accountId, accountName: `acct-${accountId}`, emailAddress: '' })) });
    }
    if (url.pathname === '/assignment/roles') {
      calls.roles++;
      calls.inFlight++;
      calls.maxInFlight = Math.max(calls.maxInFlight, calls.inFlight);
      setTimeout(() => {
        calls.inFlight--;
        send({ roleList: [{ roleName: 'ECRReadOnly', accountId: url.searchParams.get('account_id') }] });
      }, 25);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const corp = { id: 'session:corp', name: 'corp', startUrl: 'https://corp.awsapps.com/start/#/', region: 'eu-west-1', scopes: [], source: 'sso-session' as const, profiles: [] };

/** A home signed in to corp (a token valid for a day of the test's clock), and a clock the test moves. */
async function signedIn() {
  const dir = tempDir('fl-sso-accounts-');
  let clock = Date.UTC(2026, 5, 1, 9, 0, 0);
  const env: Env = {
    ...currentEnv({ HOME: dir, FINCH_LOGINS_PLATFORM: 'linux', FINCH_LOGINS_STATE_DIR: path.join(dir, 'state'), PATH: '/usr/bin', AWS_ENDPOINT_URL_SSO: endpoint }),
    now: () => new Date(clock),
  };
  const paths = resolvePaths(env);
  await writeToken(paths, corp, { startUrl: corp.startUrl, region: corp.region, accessToken: 'at', expiresAt: cliTime(clock + 24 * 3600_000) });
  return { env, paths, advance: (ms: number) => void (clock += ms) };
}

it(`fetches role lists at most 8 at a time, and uses them all`, async () => {
  const { env, paths } = await signedIn();
  Object.assign(calls, { accounts: 0, roles: 0, inFlight: 0, maxInFlight: 0 });
  const list = await discoverAccounts(env, paths, corp);
  expect(list.accounts).toHaveLength(accountCount);
  expect(list.accounts.every((a) => a.roles.join() === 'ECRReadOnly')).toBe(true);
  expect(calls.roles).toBe(accountCount);
  // The limit was reached (parallel, not one by one) and never passed.
  expect(calls.maxInFlight).toBe(8);
});

it('serves the list from its cache for an hour by the clock, then asks the portal again', async () => {
  const { env, paths, advance } = await signedIn();
  Object.assign(calls, { accounts: 0, roles: 0, inFlight: 0, maxInFlight: 0 });
  const first = await discoverAccounts(env, paths, corp);
  expect(calls).toMatchObject({ accounts: 1, roles: accountCount });

  advance(accountsTtlMs - 1000); // 59:59 later: still the cached list, nothing asked
  expect(await discoverAccounts(env, paths, corp)).toEqual(first);
  expect(calls).toMatchObject({ accounts: 1, roles: accountCount });

  advance(1000); // one hour: stale, fetched anew and stamped with the new time
  const second = await discoverAccounts(env, paths, corp);
  expect(calls).toMatchObject({ accounts: 2, roles: 2 * accountCount });
  expect(second.fetchedAt).toBe(new Date(Date.parse(first.fetchedAt) + accountsTtlMs).toISOString());

  // …and that new list is the one cached for the next hour; a refresh asks regardless.
  advance(accountsTtlMs - 1000);
  await discoverAccounts(env, paths, corp);
  expect(calls.accounts).toBe(2);
  await discoverAccounts(env, paths, corp, { refresh: true });
  expect(calls.accounts).toBe(3);
});
