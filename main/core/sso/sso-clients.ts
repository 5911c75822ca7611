// The two IAM Identity Center clients: OIDC (sign-in, token refresh) and the portal (accounts, roles, role
// credentials). Both are unsigned: OIDC needs no credentials, the portal takes the access token as a header.
// The SDK is loaded lazily (the status path must never load it). Endpoints can be pointed elsewhere the SDK's own
// way (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL), read from the core's Env, not process.env.
import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Env } from '../env';

const endpoint = (env: Env, service: 'SSO_OIDC' | 'SSO') => env.vars[`AWS_ENDPOINT_URL_${service}`] || env.vars.AWS_ENDPOINT_URL || undefined;

export async function oidcClient(env: Env, region: string): Promise<{ client: SSOOIDCClient; sdk: typeof import('@aws-sdk/client-sso-oidc') }> {
  const sdk = await import('@aws-sdk/client-sso-oidc');
  return { client: new sdk.SSOOIDCClient({ region, endpoint: endpoint(env, 'SSO_OIDC'), maxAttempts: 2 }), sdk };
}

/** One portal client per session and region, shared by the calls of one discovery or batch (one connection pool). */
export async function portalClient(env: Env, region: string): Promise<{ client: SSOClient; sdk: typeof import('@aws-sdk/client-sso') }> {
  const sdk = await import('@aws-sdk/client-sso');
  return { client: new sdk.SSOClient({ region, endpoint: endpoint(env, 'SSO'), maxAttempts: 3 }), sdk };
}
