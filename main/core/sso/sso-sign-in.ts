// Signing in to IAM Identity Center without the AWS CLI: the OAuth device authorization grant, as the AWS CLI
// does it (botocore/utils.py SSOTokenFetcher): register a public client (cached, shared with the CLI), start a device
// authorization, show the user code and open the verification URL, then poll CreateToken — every `interval`
// seconds, 5 more after each `slow_down` (RFC 8628 §3.5) — until the user approves, denies, or the code expires.
// The token is written to the AWS CLI's cache (token-cache.ts).
import type { Env } from '../env';
import { Failure } from '../failure';
import type { Paths } from '../paths';
import { oidcClient } from './sso-clients';
import { signInFailure } from './sso-errors';
import { defaultScopes, type SsoSession } from './sso-sessions';
import { cliTime, readRegistration, writeRegistration, writeToken, type CachedRegistration } from './token-cache';

/** What the user needs to approve the sign-in: the code to check and the page to open. */
export interface DeviceAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresAt: string;
}

export interface SignInDeps {
  /** Waits ms, or rejects when the signal aborts (injected so tests run the polling on a fake clock). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const slowDownMs = 5_000;
const defaultIntervalMs = 5_000;
/** botocore's _EXPIRY_WINDOW for a cached registration: one that ends within 15 minutes is replaced. */
const registrationWindowMs = 15 * 60_000;

export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The scopes to register with: the session's own, else the one that yields a refresh token. */
export const registrationScopes = (s: SsoSession) => (s.scopes.length ? s.scopes : defaultScopes);

async function registration(env: Env, paths: Paths, s: SsoSession, client: Awaited<ReturnType<typeof oidcClient>>): Promise<CachedRegistration> {
  const scopes = registrationScopes(s);
  const cached = await readRegistration(paths, s, scopes);
  if (cached && Date.parse(cached.expiresAt) - env.now().getTime() > registrationWindowMs) return cached;
  const out = await client.client.send(new client.sdk.RegisterClientCommand({ clientName: 'finch-logins', clientType: 'public', scopes }));
  if (!out.clientId || !out.clientSecret || !out.clientSecretExpiresAt) throw new Error('RegisterClient returned no client.');
  const reg = { clientId: out.clientId, clientSecret: out.clientSecret, expiresAt: cliTime(out.clientSecretExpiresAt * 1000) };
  await writeRegistration(paths, s, scopes, reg);
  return reg;
}

export interface PendingSignIn {
  authorization: DeviceAuthorization;
  /** Settles when the token is in the cache (or with a Failure: denied, expired, cancelled, offline). */
  done: Promise<{ expiresAt: string }>;
  cancel(): void;
}

/** Starts a sign-in: returns as soon as there is a code to show; `done` follows the polling. */
export async function startSignIn(env: Env, paths: Paths, s: SsoSession, deps: SignInDeps = {}): Promise<PendingSignIn> {
  const sleep = deps.sleep ?? realSleep;
  let client: Awaited<ReturnType<typeof oidcClient>>;
  let reg: CachedRegistration;
  let device: { deviceCode: string; userCode: string; verificationUri: string; verificationUriComplete: string; expiresIn: number; interval?: number };
  try {
    client = await oidcClient(env, s.region);
    reg = await registration(env, paths, s, client);
    const out = await client.client.send(new client.sdk.StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: s.startUrl }));
    if (!out.deviceCode || !out.userCode || !out.verificationUri || !out.expiresIn) throw new Error('StartDeviceAuthorization returned no code.');
    device = { ...out, deviceCode: out.deviceCode, userCode: out.userCode, verificationUri: out.verificationUri, verificationUriComplete: out.verificationUriComplete ?? out.verificationUri, expiresIn: out.expiresIn };
  } catch (e) {
    throw signInFailure(e, s);
  }
  const started = env.now().getTime();
  const deadline = started + device.expiresIn * 1000;
  const abort = new AbortController();

  const poll = async (): Promise<{ expiresAt: string }> => {
    let intervalMs = device.interval ? device.interval * 1000 : defaultIntervalMs;
    for (;;) {
      await sleep(intervalMs, abort.signal);
      if (env.now().getTime() >= deadline) throw signInFailure({ name: 'ExpiredTokenException' }, s);
      try {
        const out = await client.client.send(
          new client.sdk.CreateTokenCommand({ grantType: 'urn:ietf:params:oauth:grant-type:device_code', clientId: reg.clientId, clientSecret: reg.clientSecret, deviceCode: device.deviceCode }),
          { abortSignal: abort.signal },
        );
        if (!out.accessToken || !out.expiresIn) throw new Error('CreateToken returned no token.');
        const expiresAt = cliTime(env.now().getTime() + out.expiresIn * 1000);
        await writeToken(paths, s, {
          startUrl: s.startUrl,
          region: s.region,
          accessToken: out.accessToken,
          expiresAt,
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          registrationExpiresAt: reg.expiresAt,
          ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
        });
        return { expiresAt };
      } catch (e) {
        if (abort.signal.aborted) throw cancelled(s);
        const name = (e as { name?: string }).name;
        if (name === 'AuthorizationPendingException') continue;
        if (name === 'SlowDownException') {
          intervalMs += slowDownMs;
          continue;
        }
        throw signInFailure(e, s);
      }
    }
  };
  const done = poll().catch((e: unknown) => {
    throw abort.signal.aborted ? cancelled(s) : signInFailure(e, s);
  });
  done.catch(() => undefined); // the caller may never wait for it (the window closed)
  return {
    authorization: { userCode: device.userCode, verificationUri: device.verificationUri, verificationUriComplete: device.verificationUriComplete, expiresAt: new Date(deadline).toISOString() },
    done,
    cancel: () => abort.abort(cancelled(s)),
  };
}

function cancelled(s: SsoSession): Failure {
  return new Failure('sso-cancelled', 'The sign-in was cancelled.', 'Sign in again when you are ready.', { session: s.id });
}
