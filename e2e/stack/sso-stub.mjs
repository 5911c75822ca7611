// IAM Identity Center for the AWS stub: the SSO OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken)
// and the SSO portal (ListAccounts, ListAccountRoles, GetRoleCredentials, Logout). Both speak restJson.
//
// Shapes come from the SDK's own models (the source of truth for the wire format), in node_modules:
//   @aws-sdk/client-sso-oidc 3.1164.0 dist-cjs/index.js — RegisterClient `POST /client/register`,
//     StartDeviceAuthorization `POST /device_authorization`, CreateToken `POST /token`; request/response members
//     (clientId, clientSecret, clientIdIssuedAt, clientSecretExpiresAt; deviceCode, userCode, verificationUri,
//     verificationUriComplete, expiresIn, interval; accessToken, tokenType, expiresIn, refreshToken) and the errors'
//     members `error`, `error_description` with their HTTP codes (AuthorizationPending/SlowDown/ExpiredToken/
//     AccessDenied/InvalidGrant/InvalidRequest 400, InvalidClient 401).
//   @aws-sdk/client-sso 3.1164.0 dist-cjs/index.js — ListAccounts `GET /assignment/accounts`, ListAccountRoles
//     `GET /assignment/roles`, GetRoleCredentials `GET /federation/credentials`, Logout `POST /logout`; the token in
//     header `x-amz-sso_bearer_token`, paging in `next_token` / `max_result`; accountList of {accountId, accountName,
//     emailAddress}, roleList of {roleName, accountId}; roleCredentials.expiration in epoch milliseconds;
//     UnauthorizedException 401, InvalidRequestException 400, ResourceNotFoundException 404, TooManyRequests 429.
// Error codes of the OAuth device flow (RFC 8628 §3.5): `authorization_pending`, `slow_down` (the client adds 5 s to
// its interval, as botocore's SSOTokenFetcher does), `expired_token`, `access_denied`.
// GetRoleCredentials for a role the user is not assigned answers 403 `ForbiddenException` "No access" (not in the
// model: the SDK surfaces it as a generic service error, as users of the real service see it).
//
// The stub's directory (no user database; the same for every caller):
//   - FL_SSO_ACCOUNTS accounts (default 300): id 100000000000 + i, name `<team>-<env>-<n>`, e-mail.
//   - Roles: every account has `ECRReadOnly`; every third (i % 3 == 0) also `AdministratorAccess`; every tenth
//     (i % 10 == 9) also `DENIED-Audit`, whose keys ECR denies (the access-key markers of aws-stub.mjs); account
//     100000000004 has no role at all.
//   - A start URL is an Identity Center portal when it looks like one: https://<name>.awsapps.com/start with an
//     optional `/`, `#` or `#/`. Anything else: StartDeviceAuthorization answers InvalidRequestException.
//   - The user "opens the browser" by requesting verificationUriComplete (a page with Allow / Deny) and approves
//     with `POST /device/approve` (form `user_code`), or denies with `POST /device/deny`.
//   - Device codes live FL_SSO_DEVICE_SECONDS (default 600), access tokens FL_SSO_TOKEN_SECONDS (default 28800),
//     client registrations 90 days. The minimum polling interval is 1 s; a CreateToken sooner than that after the
//     previous one answers slow_down, as the RFC says. The first poll after approval also answers slow_down once, so
//     every client meets pending → slow_down → success.
// Test hooks: `POST /__sso/revoke` ends every session (tokens and refresh tokens); `GET /__sso/state` → counts.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const ACCOUNT_COUNT = Number(process.env.FL_SSO_ACCOUNTS ?? 300);
const DEVICE_SECONDS = Number(process.env.FL_SSO_DEVICE_SECONDS ?? 600);
const TOKEN_SECONDS = Number(process.env.FL_SSO_TOKEN_SECONDS ?? 28800);
const INTERVAL_SECONDS = 1;
const PAGE_DEFAULT = 20;
const PAGE_MAX = 100;
const TEAMS = ['payments', 'search', 'checkout', 'identity', 'media', 'billing', 'data', 'platform', 'mobile', 'web'];
const ENVS = ['dev', 'staging', 'prod'];
const START_URL = /^https:\/\/[a-z0-9-]+\.awsapps\.com\/start\/?(#\/?)?$/;

export function ssoAccounts() {
  return Array.from({ length: ACCOUNT_COUNT }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: `${TEAMS[i % TEAMS.length]}-${ENVS[Math.floor(i / TEAMS.length) % ENVS.length]}-${String(i + 1).padStart(3, '0')}`,
    emailAddress: `aws+${i + 1}@example.com`,
  }));
}

export function ssoRoles(accountId) {
  const i = Number(accountId) - 100000000000;
  if (!(i >= 0 && i < ACCOUNT_COUNT) || i === 4) return [];
  const roles = ['ECRReadOnly'];
  if (i % 3 === 0) roles.push('AdministratorAccess');
  if (i % 10 === 9) roles.push('DENIED-Audit');
  return roles;
}

const clients = new Map(); // clientId → {clientSecret, scopes, expiresAt}
const devices = new Map(); // deviceCode → {clientId, startUrl, userCode, expiresAt, state, lastPoll, slowedDown}
const byUserCode = new Map(); // userCode → deviceCode
const tokens = new Map(); // accessToken → {expiresAt, startUrl}
const refreshTokens = new Map(); // refreshToken → {clientId, startUrl}

const opaque = (prefix, n = 32) => `${prefix}${randomBytes(n).toString('base64url')}`;

function send(res, status, body, errorType) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': `${errorType}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/` } : {}),
  });
  res.end(text);
  return status;
}

/** OIDC errors carry `error` and `error_description` (the model's members), and the type in the header. */
function oidcError(res, status, type, error, description) {
  res.oauthError = error; // for the stub's request log (`error` in /__stats), so tests can see the sequence
  return send(res, status, { error, error_description: description }, type);
}
/** Portal errors carry `message`. */
const portalError = (res, status, type, message) => send(res, status, { message }, type);

function issueToken(clientId, startUrl) {
  const accessToken = opaque('aoa');
  const refreshToken = opaque('aorAAAAAG');
  tokens.set(accessToken, { expiresAt: Date.now() + TOKEN_SECONDS * 1000, startUrl });
  refreshTokens.set(refreshToken, { clientId, startUrl });
  return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_SECONDS, refreshToken };
}

function client(body) {
  const c = clients.get(body.clientId);
  return c && c.clientSecret === body.clientSecret && c.expiresAt > Date.now() ? c : null;
}

function register(res, body) {
  if (typeof body.clientName !== 'string' || body.clientType !== 'public') {
    return oidcError(res, 400, 'InvalidClientMetadataException', 'invalid_client_metadata', 'clientName and clientType "public" are required');
  }
  const clientId = opaque('', 16);
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + 90 * 24 * 3600;
  clients.set(clientId, { clientSecret: opaque('eyJraWQiOiJrZXktMTU2', 96), scopes: body.scopes ?? [], expiresAt: expiresAt * 1000 });
  return send(res, 200, { clientId, clientSecret: clients.get(clientId).clientSecret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: expiresAt });
}

function startDevice(res, body, origin) {
  if (!client(body)) return oidcError(res, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
  if (!START_URL.test(String(body.startUrl ?? ''))) return oidcError(res, 400, 'InvalidRequestException', 'invalid_request', 'Invalid start url');
  const deviceCode = opaque('dc', 48);
  const userCode = `${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
  devices.set(deviceCode, { clientId: body.clientId, startUrl: body.startUrl, userCode, expiresAt: Date.now() + DEVICE_SECONDS * 1000, state: 'pending', lastPoll: 0, slowedDown: false });
  byUserCode.set(userCode, deviceCode);
  return send(res, 200, {
    deviceCode,
    userCode,
    verificationUri: `${origin}/device`,
    verificationUriComplete: `${origin}/device?user_code=${userCode}`,
    expiresIn: DEVICE_SECONDS,
    interval: INTERVAL_SECONDS,
  });
}

function createToken(res, body) {
  const c = client(body);
  if (!c) return oidcError(res, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
  if (body.grantType === 'refresh_token') {
    const r = refreshTokens.get(body.refreshToken);
    if (!r || r.clientId !== body.clientId) return oidcError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
    refreshTokens.delete(body.refreshToken); // refresh tokens rotate
    return send(res, 200, issueToken(body.clientId, r.startUrl));
  }
  if (body.grantType !== 'urn:ietf:params:oauth:grant-type:device_code') {
    return oidcError(res, 400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${body.grantType}`);
  }
  const d = devices.get(body.deviceCode);
  if (!d || d.clientId !== body.clientId) return oidcError(res, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
  if (d.expiresAt <= Date.now()) return oidcError(res, 400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
  const tooSoon = Date.now() - d.lastPoll < INTERVAL_SECONDS * 1000 - 50;
  d.lastPoll = Date.now();
  if (tooSoon) return oidcError(res, 400, 'SlowDownException', 'slow_down', null);
  if (d.state === 'denied') return oidcError(res, 400, 'AccessDeniedException', 'access_denied', 'Authorization was denied by the user');
  if (d.state === 'pending') return oidcError(res, 400, 'AuthorizationPendingException', 'authorization_pending', null);
  if (!d.slowedDown) {
    d.slowedDown = true;
    return oidcError(res, 400, 'SlowDownException', 'slow_down', null);
  }
  devices.delete(body.deviceCode);
  byUserCode.delete(d.userCode);
  return send(res, 200, issueToken(body.clientId, d.startUrl));
}

function devicePage(res, url) {
  const code = (url.searchParams.get('user_code') ?? '').replace(/[^A-Z0-9-]/g, '');
  const html = `<!doctype html><html lang="en"><title>Authorize request</title><h1>Authorize request</h1>
<p>Code: <strong id="user-code">${code}</strong></p>
<form method="post" action="/device/approve"><input type="hidden" name="user_code" value="${code}"><button>Allow</button></form>
<form method="post" action="/device/deny"><input type="hidden" name="user_code" value="${code}"><button>Deny</button></form></html>`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
  return 200;
}

function decide(res, body, state) {
  const code = new URLSearchParams(body).get('user_code') ?? '';
  const d = devices.get(byUserCode.get(code) ?? '');
  if (!d || d.expiresAt <= Date.now()) return send(res, 404, { message: 'Unknown or expired code' });
  d.state = state;
  return send(res, 200, { userCode: code, state });
}

/** The session behind a portal call, or an answer already sent. */
function session(req, res) {
  const token = req.headers['x-amz-sso_bearer_token'];
  const t = typeof token === 'string' ? tokens.get(token) : undefined;
  if (!t || t.expiresAt <= Date.now()) return { status: portalError(res, 401, 'UnauthorizedException', 'Session token not found or invalid') };
  return { token };
}

function page(items, url, key) {
  const max = Math.min(Number(url.searchParams.get('max_result') ?? PAGE_DEFAULT) || PAGE_DEFAULT, PAGE_MAX);
  const start = Number(url.searchParams.get('next_token') ?? 0) || 0;
  const slice = items.slice(start, start + max);
  return { [key]: slice, ...(start + max < items.length ? { nextToken: String(start + max) } : {}) };
}

/**
 * Answers an Identity Center request, or returns null when it is not one.
 * `issueTemporaryKeys(account, marker, identity, seconds)` and `markerOf(text)` come from aws-stub.mjs.
 */
export function ssoRoute(req, res, url, body, origin, { issueTemporaryKeys, markerOf }) {
  const json = () => {
    try {
      return body ? JSON.parse(body) : {};
    } catch {
      return null;
    }
  };
  const route = `${req.method} ${url.pathname}`;
  const oidc = { 'POST /client/register': ['sso-oidc:RegisterClient', register], 'POST /device_authorization': ['sso-oidc:StartDeviceAuthorization', startDevice], 'POST /token': ['sso-oidc:CreateToken', createToken] }[route];
  if (oidc) {
    const parsed = json();
    if (!parsed) return { action: oidc[0], status: oidcError(res, 400, 'InvalidRequestException', 'invalid_request', 'Malformed JSON body') };
    return { action: oidc[0], status: oidc[1](res, parsed, origin) };
  }
  if (route === 'GET /device') return { action: 'sso-device:page', status: devicePage(res, url) };
  if (route === 'POST /device/approve') return { action: 'sso-device:approve', status: decide(res, body, 'approved') };
  if (route === 'POST /device/deny') return { action: 'sso-device:deny', status: decide(res, body, 'denied') };
  if (route === 'POST /__sso/revoke') {
    tokens.clear();
    refreshTokens.clear();
    return { action: 'hook', status: send(res, 200, { revoked: true }) };
  }

  if (route === 'GET /assignment/accounts') {
    const s = session(req, res);
    return { action: 'sso:ListAccounts', status: s.status ?? send(res, 200, page(ssoAccounts(), url, 'accountList')) };
  }
  if (route === 'GET /assignment/roles') {
    const s = session(req, res);
    if (s.status) return { action: 'sso:ListAccountRoles', status: s.status };
    const accountId = url.searchParams.get('account_id') ?? '';
    if (!/^\d{12}$/.test(accountId)) return { action: 'sso:ListAccountRoles', status: portalError(res, 400, 'InvalidRequestException', 'account_id is required') };
    const roles = ssoRoles(accountId).map((roleName) => ({ roleName, accountId }));
    return { action: 'sso:ListAccountRoles', status: send(res, 200, page(roles, url, 'roleList')) };
  }
  if (route === 'GET /federation/credentials') {
    const s = session(req, res);
    if (s.status) return { action: 'sso:GetRoleCredentials', status: s.status };
    const account = url.searchParams.get('account_id') ?? '';
    const roleName = url.searchParams.get('role_name') ?? '';
    if (!/^\d{12}$/.test(account) || !roleName) return { action: 'sso:GetRoleCredentials', status: portalError(res, 400, 'InvalidRequestException', 'account_id and role_name are required') };
    if (!ssoRoles(account).includes(roleName)) return { action: 'sso:GetRoleCredentials', status: portalError(res, 403, 'ForbiddenException', 'No access') };
    const user = createHash('sha1').update(s.token).digest('hex').slice(0, 8);
    const arn = `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/fl-sso-${user}`;
    const creds = issueTemporaryKeys(account, markerOf(roleName), { arn, userId: `AROA${account}SSO:fl-sso-${user}` }, 3600);
    const roleCredentials = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken, expiration: creds.expiration.getTime() };
    return { action: 'sso:GetRoleCredentials', status: send(res, 200, { roleCredentials }) };
  }
  if (route === 'POST /logout') {
    const token = req.headers['x-amz-sso_bearer_token'];
    if (typeof token === 'string') tokens.delete(token);
    return { action: 'sso:Logout', status: send(res, 200, undefined) };
  }
  return null;
}
