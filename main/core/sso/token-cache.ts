// The AWS CLI's SSO cache (~/.aws/sso/cache), read and written in its own format and file names, so that `aws`, the
// AWS SDKs and docker-credential-ecr-login all use the session the app signed in to (and the app uses theirs).
// From the AWS CLI v2 source (Debian's awscli 2.9.19, /usr/lib/python3/dist-packages/awscli):
//   - botocore/utils.py SSOTokenFetcher._token_cache_key / SSOTokenLoader._generate_cache_key: the token file is
//     sha1(session name) for an sso-session, sha1(start URL) for a legacy profile, hex, plus ".json";
//   - SSOTokenFetcher._create_token_attempt: its keys startUrl, region, accessToken, expiresAt, clientId,
//     clientSecret, registrationExpiresAt, refreshToken (botocore/tokens.py SSOTokenProvider refreshes from these);
//   - SSOTokenFetcher._registration_cache_key: the client registration file is sha1 of
//     json.dumps({"tool": "botocore", "startUrl", "region", "scopes", "session_name"}, sort_keys=True), holding
//     clientId, clientSecret, expiresAt (and scopes when registered with some);
//   - customizations/sso/utils.py _serialize_utc_timestamp: times as %Y-%m-%dT%H:%M:%SZ; JSONFileCache writes 0600.
// The JS SDK reads the same file (@aws-sdk/token-providers getSSOTokenFromFile: sha1 of the session name).
// Writes are atomic (temp file + rename) with mode 0600. No backup is kept: it would be one more copy of a secret,
// and the cache is not the user's configuration — signing in again recreates it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import type { Paths } from '../paths';
import type { SsoSession } from './sso-sessions';

export interface CachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export interface CachedRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
}

const cacheFile = { mode: 0o600, dirMode: 0o700 };

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/** Python's json.dumps for a string (ensure_ascii: everything outside space…~ escaped as \uXXXX). */
function pyJsonString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pyJson(value: string | string[] | null): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? `[${value.map(pyJsonString).join(', ')}]` : pyJsonString(value);
}

export function tokenCacheKey(s: Pick<SsoSession, 'name' | 'startUrl'>): string {
  return sha1(s.name ?? s.startUrl);
}

export function registrationCacheKey(s: Pick<SsoSession, 'name' | 'startUrl' | 'region'>, scopes: string[] | null): string {
  // json.dumps(args, sort_keys=True) with the default separators ", " and ": ".
  const args: [string, string | string[] | null][] = [
    ['region', s.region],
    ['scopes', scopes && scopes.length ? scopes : null],
    ['session_name', s.name],
    ['startUrl', s.startUrl],
    ['tool', 'botocore'],
  ];
  return sha1(`{${args.map(([k, v]) => `${pyJsonString(k)}: ${pyJson(v)}`).join(', ')}}`);
}

/** An instant as the AWS CLI writes it: 2024-01-01T08:00:00Z. */
export function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const tokenFile = (paths: Paths, s: Pick<SsoSession, 'name' | 'startUrl'>) => path.join(paths.awsSsoCache, `${tokenCacheKey(s)}.json`);

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    const doc = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
  } catch {
    return null; // missing or damaged: as the AWS CLI does (KeyError → "Token … does not exist"), sign in again
  }
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The cached token of a session, or null when there is none the AWS CLI would accept (accessToken and expiresAt). */
export async function readToken(paths: Paths, s: Pick<SsoSession, 'name' | 'startUrl'>): Promise<CachedToken | null> {
  const doc = await readJson(tokenFile(paths, s));
  const accessToken = str(doc?.accessToken);
  const expiresAt = str(doc?.expiresAt);
  if (!doc || !accessToken || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  return {
    startUrl: str(doc.startUrl) ?? s.startUrl,
    region: str(doc.region) ?? '',
    accessToken,
    expiresAt,
    ...(str(doc.clientId) ? { clientId: str(doc.clientId) } : {}),
    ...(str(doc.clientSecret) ? { clientSecret: str(doc.clientSecret) } : {}),
    ...(str(doc.registrationExpiresAt) ? { registrationExpiresAt: str(doc.registrationExpiresAt) } : {}),
    ...(str(doc.refreshToken) ? { refreshToken: str(doc.refreshToken) } : {}),
  };
}

export async function writeToken(paths: Paths, s: Pick<SsoSession, 'name' | 'startUrl'>, token: CachedToken): Promise<void> {
  // Key order as SSOTokenFetcher builds the dict (Python keeps insertion order).
  const doc: CachedToken = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    ...(token.clientId ? { clientId: token.clientId } : {}),
    ...(token.clientSecret ? { clientSecret: token.clientSecret } : {}),
    ...(token.registrationExpiresAt ? { registrationExpiresAt: token.registrationExpiresAt } : {}),
    ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
  };
  await writeFileAtomic(tokenFile(paths, s), Buffer.from(JSON.stringify(doc)), cacheFile);
}

export async function readRegistration(paths: Paths, s: Pick<SsoSession, 'name' | 'startUrl' | 'region'>, scopes: string[] | null): Promise<CachedRegistration | null> {
  const doc = await readJson(path.join(paths.awsSsoCache, `${registrationCacheKey(s, scopes)}.json`));
  const clientId = str(doc?.clientId);
  const clientSecret = str(doc?.clientSecret);
  const expiresAt = str(doc?.expiresAt);
  if (!clientId || !clientSecret || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  return { clientId, clientSecret, expiresAt, ...(Array.isArray(doc?.scopes) ? { scopes: doc.scopes as string[] } : {}) };
}

export async function writeRegistration(paths: Paths, s: Pick<SsoSession, 'name' | 'startUrl' | 'region'>, scopes: string[] | null, reg: CachedRegistration): Promise<void> {
  const doc = { clientId: reg.clientId, clientSecret: reg.clientSecret, expiresAt: reg.expiresAt, ...(scopes && scopes.length ? { scopes } : {}) };
  await writeFileAtomic(path.join(paths.awsSsoCache, `${registrationCacheKey(s, scopes)}.json`), Buffer.from(JSON.stringify(doc)), cacheFile);
}
