#!/usr/bin/env node
// A tiny stand-in for the AWS endpoints Finch Logins talks to, so integration and e2e tests exercise the real
// AWS SDK v3 (and Debian's `aws` CLI) end to end without the network. No dependencies beyond node:.
//
// Point clients at it with one URL for every service:
//   AWS_ENDPOINT_URL_ECR=… AWS_ENDPOINT_URL_ECR_PUBLIC=… AWS_ENDPOINT_URL_STS=… AWS_ENDPOINT_URL_SSO=…
//   (or `endpoint` on a client, or `aws … --endpoint-url …`). Requests are told apart by protocol:
//   - awsJson1_1 (ECR, ECR Public): `X-Amz-Target: <service>.<Operation>`
//   - query (STS): form body with `Action=<Operation>`, XML responses
//   - restJson (IAM Identity Center, sso-stub.mjs): OIDC `POST /client/register`, `/device_authorization`, `/token`;
//     portal `GET /assignment/accounts`, `/assignment/roles`, `/federation/credentials`, `POST /logout`
//
// Conventions (the stub keeps no user database; everything is derived from the request):
//   - Account id = the first run of 12 digits in the access key id from the SigV4 credential scope.
//     `AKIDTEST111122223333` → account 111122223333. No 12-digit run → 123456789012.
//   - Region = the region of the SigV4 credential scope (`Credential=AKID/20240101/eu-west-1/ecr/aws4_request`).
//   - Markers anywhere in the access key id inject errors:
//       DENIED  → ECR: AccessDeniedException (400); STS AssumeRole: AccessDenied (403).
//                 GetCallerIdentity still works, as in AWS (it needs no permission).
//       EXPIRED → ECR: ExpiredTokenException (400); STS: ExpiredToken (403), every action.
//       INVALID → ECR: UnrecognizedClientException (400); STS: InvalidClientTokenId (403), every action.
//   - AssumeRole returns temporary keys `ASIA<markers><role account><letters>`; markers (DENIED/EXPIRED/INVALID)
//     are copied from the role *name* (case-insensitive), so `arn:aws:iam::444455556666:role/DENIED-ecr` yields keys
//     that ECR denies, and a later GetAuthorizationToken with them resolves to account 444455556666.
//   - SSO GetRoleCredentials returns keys for `account_id` the same way (markers copied from `role_name`), for a
//     session signed in through the stub's own OIDC device flow (see sso-stub.mjs for its directory of accounts).
//   - The registry password inside every authorizationToken is FL_ECR_TOKEN_PASSWORD from the environment:
//     authorizationToken = base64("AWS:" + FL_ECR_TOKEN_PASSWORD), valid 12 h like the real thing.
//   - Signatures are not verified and secret keys are never seen (only the signature is), never logged.
//
// Test hooks: `GET /__stats` → {"counts":{"ecr:GetAuthorizationToken":1,…},"requests":[…]}; `POST /__reset` clears
// the counts (SSO sessions live on: tests share one); `POST /__sso/revoke` ends every SSO session; `GET /__issued`
// → {"secrets":[…]}: the secret keys and session tokens of the temporary credentials issued, for leak searches.
//
// Usage: node aws-stub.mjs [--port N] [--port-file FILE]     (port 0 = any free port; the bound port is written to
//        FILE once listening, which is how with-stack.sh finds it without racing for a port)
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { ssoRoute } from './sso-stub.mjs';

const TOKEN_PASSWORD = process.env.FL_ECR_TOKEN_PASSWORD;
if (!TOKEN_PASSWORD) {
  console.error('aws-stub: FL_ECR_TOKEN_PASSWORD must be set (the registry password the stub hands out)');
  process.exit(2);
}
const DEFAULT_ACCOUNT = '123456789012';
const MARKERS = ['DENIED', 'EXPIRED', 'INVALID'];
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

// ---- state for the test hooks ------------------------------------------------------------------------------------
let counts = {};
let requests = [];
/** temporary access key id → {arn, userId} of the identity it was issued for (AssumeRole / SSO) */
const issuedKeys = new Map();
/** The secret halves of the temporary keys handed out (newest last), for tests that search for leaks: `GET /__issued`. */
const issuedSecrets = [];

function record(entry) {
  counts[entry.action] = (counts[entry.action] ?? 0) + 1;
  requests.push(entry);
  if (requests.length > 500) requests.shift();
  // One line per request on stdout (goes to the stack's log). Access key ids are identifiers, not secrets.
  console.log(`${entry.time} ${entry.status} ${entry.action} key=${entry.accessKeyId ?? '-'} region=${entry.region ?? '-'}`);
}

// ---- helpers -----------------------------------------------------------------------------------------------------
/** Parse `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, …` (header or presigned query). */
function sigv4Scope(req, url) {
  const header = req.headers.authorization ?? '';
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(header);
  if (m) return { accessKeyId: m[1], region: m[3], service: m[4] };
  const cred = url.searchParams.get('X-Amz-Credential');
  if (cred) {
    const [accessKeyId, , region, service] = cred.split('/');
    return { accessKeyId, region, service };
  }
  return null;
}

function accountOf(accessKeyId) {
  return /\d{12}/.exec(accessKeyId ?? '')?.[0] ?? DEFAULT_ACCOUNT;
}

function markerOf(text) {
  const upper = (text ?? '').toUpperCase();
  return MARKERS.find((m) => upper.includes(m));
}

function callerArn(accessKeyId) {
  return issuedKeys.get(accessKeyId)?.arn ?? `arn:aws:iam::${accountOf(accessKeyId)}:user/fl-test-user`;
}

function letters(n) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from(randomBytes(n), (b) => abc[b % abc.length]).join('');
}

/** Temporary credentials whose key id encodes the account (and any marker), like AssumeRole/SSO would issue. */
function issueTemporaryKeys(account, marker, identity, durationSeconds) {
  const accessKeyId = `ASIA${marker ?? ''}${account}${letters(4)}`;
  issuedKeys.set(accessKeyId, identity);
  const keys = {
    accessKeyId,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(48).toString('base64')}`,
    expiration: new Date(Date.now() + durationSeconds * 1000),
  };
  issuedSecrets.push(keys.secretAccessKey, keys.sessionToken);
  if (issuedSecrets.length > 400) issuedSecrets.splice(0, 2);
  return keys;
}

function partitionSuffix(region) {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

function authorizationToken() {
  return Buffer.from(`AWS:${TOKEN_PASSWORD}`).toString('base64');
}

function expiresAtSeconds() {
  // awsJson1_1 timestamps are epoch seconds (may be fractional); ECR tokens live 12 h.
  return Math.floor(Date.now() / 1000) + 12 * 3600;
}

function xmlEscape(s) {
  return String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}

// ---- protocol responders -----------------------------------------------------------------------------------------
function sendJson(res, status, body, extraHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...extraHeaders,
  });
  res.end(text);
}

function jsonError(res, status, type, message) {
  sendJson(res, status, { __type: type, message }, { 'x-amzn-ErrorType': `${type}:` });
}

function sendXml(res, status, xml) {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml), 'x-amzn-RequestId': randomUUID() });
  res.end(xml);
}

function stsError(res, status, code, message) {
  sendXml(
    res,
    status,
    `<ErrorResponse xmlns="${STS_NS}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n` +
      `    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`,
  );
}

function stsResult(res, action, inner) {
  sendXml(
    res,
    200,
    `<${action}Response xmlns="${STS_NS}">\n  <${action}Result>\n${inner}  </${action}Result>\n` +
      `  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`,
  );
}

// ---- ECR / ECR Public (awsJson1_1) -------------------------------------------------------------------------------
/** Shared auth checks of a JSON-protocol call; returns the HTTP status it answered with, or null to go on. */
function jsonAuthFailure(res, scope, serviceAction) {
  if (!scope) {
    jsonError(res, 400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    return 400;
  }
  const marker = markerOf(scope.accessKeyId);
  if (marker === 'EXPIRED') {
    jsonError(res, 400, 'ExpiredTokenException', 'The security token included in the request is expired');
    return 400;
  }
  if (marker === 'INVALID') {
    jsonError(res, 400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    return 400;
  }
  if (marker === 'DENIED') {
    const arn = callerArn(scope.accessKeyId);
    jsonError(
      res,
      400,
      'AccessDeniedException',
      `User: ${arn} is not authorized to perform: ${serviceAction} on resource: * ` +
        `because no identity-based policy allows the ${serviceAction} action`,
    );
    return 400;
  }
  return null;
}

const jsonHandlers = {
  'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken': {
    action: 'ecr:GetAuthorizationToken',
    handle(res, scope, body) {
      const failed = jsonAuthFailure(res, scope, 'ecr:GetAuthorizationToken');
      if (failed) return failed;
      // registryIds is deprecated but still honoured by ECR: one entry per id.
      const accounts = Array.isArray(body.registryIds) && body.registryIds.length > 0 ? body.registryIds : [accountOf(scope.accessKeyId)];
      sendJson(res, 200, {
        authorizationData: accounts.map((account) => ({
          authorizationToken: authorizationToken(),
          expiresAt: expiresAtSeconds(),
          proxyEndpoint: `https://${account}.dkr.ecr.${scope.region}.${partitionSuffix(scope.region)}`,
        })),
      });
      return 200;
    },
  },
  // ECR Public's awsJson target prefix really is "SpencerFrontendService" (see @aws-sdk/client-ecr-public).
  // The real service only exists in us-east-1; the stub answers any region and records it for tests to assert on.
  'SpencerFrontendService.GetAuthorizationToken': {
    action: 'ecr-public:GetAuthorizationToken',
    handle(res, scope) {
      const failed = jsonAuthFailure(res, scope, 'ecr-public:GetAuthorizationToken');
      if (failed) return failed;
      sendJson(res, 200, { authorizationData: { authorizationToken: authorizationToken(), expiresAt: expiresAtSeconds() } });
      return 200;
    },
  },
};

// ---- STS (query protocol) ----------------------------------------------------------------------------------------
function stsAuthFailure(res, scope) {
  if (!scope) {
    stsError(res, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    return 403;
  }
  const marker = markerOf(scope.accessKeyId);
  if (marker === 'EXPIRED') {
    stsError(res, 403, 'ExpiredToken', 'The security token included in the request is expired');
    return 403;
  }
  if (marker === 'INVALID') {
    stsError(res, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    return 403;
  }
  return null;
}

const stsHandlers = {
  GetCallerIdentity(res, scope) {
    const failed = stsAuthFailure(res, scope);
    if (failed) return failed;
    const issued = issuedKeys.get(scope.accessKeyId);
    const account = accountOf(scope.accessKeyId);
    stsResult(
      res,
      'GetCallerIdentity',
      `    <Arn>${xmlEscape(callerArn(scope.accessKeyId))}</Arn>\n` +
        `    <UserId>${xmlEscape(issued?.userId ?? `AIDA${account}${'X'.repeat(4)}`)}</UserId>\n` +
        `    <Account>${account}</Account>\n`,
    );
    return 200;
  },
  AssumeRole(res, scope, params) {
    const failed = stsAuthFailure(res, scope);
    if (failed) return failed;
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    if (!m || !sessionName) {
      stsError(res, 400, 'ValidationError', `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`);
      return 400;
    }
    const [, account, roleName] = m;
    if (markerOf(scope.accessKeyId) === 'DENIED') {
      stsError(res, 403, 'AccessDenied', `User: ${callerArn(scope.accessKeyId)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      return 403;
    }
    const duration = Number(params.get('DurationSeconds') ?? 3600) || 3600;
    const roleId = `AROA${account}${letters(4)}`;
    const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
    const creds = issueTemporaryKeys(account, markerOf(roleName), { arn, userId: `${roleId}:${sessionName}` }, duration);
    stsResult(
      res,
      'AssumeRole',
      `    <AssumedRoleUser>\n      <AssumedRoleId>${xmlEscape(roleId)}:${xmlEscape(sessionName)}</AssumedRoleId>\n` +
        `      <Arn>${xmlEscape(arn)}</Arn>\n    </AssumedRoleUser>\n` +
        `    <Credentials>\n      <AccessKeyId>${creds.accessKeyId}</AccessKeyId>\n` +
        `      <SecretAccessKey>${xmlEscape(creds.secretAccessKey)}</SecretAccessKey>\n` +
        `      <SessionToken>${xmlEscape(creds.sessionToken)}</SessionToken>\n` +
        `      <Expiration>${creds.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>\n    </Credentials>\n`,
    );
    return 200;
  },
};

// ---- server ------------------------------------------------------------------------------------------------------
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const body = Buffer.concat(chunks).toString('utf8');
    const entry = { time: new Date().toISOString(), method: req.method, path: url.pathname, action: 'unknown', status: 0 };
    try {
      // Test hooks first: they are not signed and not counted.
      if (url.pathname === '/__stats' && req.method === 'GET') {
        const text = JSON.stringify({ counts, requests });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      if (url.pathname === '/__issued' && req.method === 'GET') {
        const text = JSON.stringify({ secrets: issuedSecrets });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      if (url.pathname === '/__reset' && req.method === 'POST') {
        counts = {};
        requests = [];
        issuedKeys.clear();
        issuedSecrets.length = 0;
        res.writeHead(204);
        res.end();
        return;
      }

      const scope = sigv4Scope(req, url);
      entry.accessKeyId = scope?.accessKeyId;
      entry.region = scope?.region;

      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') {
        const handler = jsonHandlers[target];
        if (!handler) {
          entry.action = `json:${target}`;
          jsonError(res, 400, 'UnknownOperationException', `The stub does not implement ${target}`);
          entry.status = 400;
          return;
        }
        entry.action = handler.action;
        let parsed = {};
        try {
          parsed = body ? JSON.parse(body) : {};
        } catch {
          jsonError(res, 400, 'SerializationException', 'Malformed JSON body');
          entry.status = 400;
          return;
        }
        entry.status = handler.handle(res, scope, parsed);
        return;
      }

      // IAM Identity Center (sso-stub.mjs): OIDC and the portal, told apart by method and path.
      const sso = ssoRoute(req, res, url, body, `http://${req.headers.host}`, { issueTemporaryKeys, markerOf });
      if (sso) {
        entry.action = sso.action;
        entry.status = sso.status;
        if (res.oauthError) entry.error = res.oauthError;
        return;
      }

      // Query protocol: Action in the form body (POST) or the query string (GET).
      const params = new URLSearchParams(req.method === 'POST' ? body : url.search);
      const action = params.get('Action');
      if (action) {
        entry.action = `sts:${action}`;
        const handler = stsHandlers[action];
        if (!handler) {
          stsError(res, 400, 'InvalidAction', `The stub does not implement ${action}`);
          entry.status = 400;
          return;
        }
        entry.status = handler(res, scope, params);
        return;
      }

      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('aws-stub: unknown request\n');
      entry.status = 404;
    } catch (err) {
      console.error('aws-stub: handler failed', err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
      entry.status = 500;
    } finally {
      if (entry.status) record(entry);
    }
  });
});

server.listen(Number(arg('--port', process.env.FL_AWS_STUB_PORT ?? 0)), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`aws-stub listening on http://127.0.0.1:${port}`);
  const portFile = arg('--port-file');
  if (portFile) writeFileSync(portFile, `${port}\n`);
});

// SDK clients keep connections alive, so server.close() alone could wait forever: just exit.
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
