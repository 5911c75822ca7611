// Registry tokens from AWS: GetAuthorizationToken for private ECR (in the registry's region) and for ECR Public
// (us-east-1 only), with the credentials of one named profile read fresh from the AWS files.
// The SDK is imported lazily: it is heavy, and the status path must never load it.
import type { Env } from '../env';
import type { Paths } from '../paths';
import { classifyAwsError } from './aws-errors';

export interface RegistryToken {
  username: string;
  password: string;
  expiresAt: string;
  proxyEndpoint?: string;
}

export interface TokenRequest {
  profile: string;
  region: string;
  /** The profile's credentials (see profileCredentials). */
  credentials: CredentialsProvider;
}

/** Endpoint overrides honoured from our own environment (the SDK would read process.env only). */
function endpoint(env: Env, service: 'ECR' | 'ECR_PUBLIC' | 'STS'): string | undefined {
  return env.vars[`AWS_ENDPOINT_URL_${service}`] || env.vars.AWS_ENDPOINT_URL || undefined;
}

/** What the SDK's clients accept as credentials: a function resolving to the keys (given the calling client). */
export type CredentialsProvider = (props?: { callerClientConfig?: unknown }) => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

/**
 * The credentials of one profile, read fresh from the AWS files and resolved at most once: every client given this
 * provider shares the result, so a profile logging in to several regions makes one assume-role call and uses its MFA
 * code once (a one-time code is not good for a second AssumeRole). The first client's config (its region, used for
 * STS) is the one that counts.
 */
export function profileCredentials(env: Env, paths: Paths, profile: string, mfaCode?: string): CredentialsProvider {
  let resolved: ReturnType<CredentialsProvider> | undefined;
  return (props) =>
    (resolved ??= (async () => {
      const { fromIni } = await import('@aws-sdk/credential-providers');
      const sts = endpoint(env, 'STS');
      const provider = fromIni({
        profile,
        filepath: paths.awsCredentials,
        configFilepath: paths.awsConfig,
        // A long-lived app must see edits to the AWS files.
        ignoreCache: true,
        mfaCodeProvider: mfaCode ? async () => mfaCode : undefined,
        ...(sts ? { clientConfig: { endpoint: sts } } : {}),
      });
      return provider(props as Parameters<typeof provider>[0]);
    })());
}

/** Starts loading the SDK while other work (reading files) goes on; a failure surfaces at the first real use. */
export function warmUpSdk(): void {
  void Promise.all([import('@aws-sdk/client-ecr'), import('@aws-sdk/credential-providers')]).catch(() => undefined);
}

/** base64 "AWS:password" → its parts (split at the first colon). */
export function decodeAuthorizationToken(token: string): { username: string; password: string } {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error('ECR returned an authorization token in an unexpected format.');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token's expiry as AWS gave it, else 12 h from now (how long ECR tokens last). */
function expiry(env: Env, value: Date | undefined): string {
  return (value ?? new Date(env.now().getTime() + 12 * 3600_000)).toISOString();
}

export async function ecrToken(env: Env, req: TokenRequest): Promise<RegistryToken> {
  try {
    const { ECRClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
    const client = new ECRClient({ region: req.region, credentials: req.credentials, endpoint: endpoint(env, 'ECR'), maxAttempts: 2 });
    const out = await client.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    if (!data?.authorizationToken) throw new Error('ECR returned no authorization data.');
    return { ...decodeAuthorizationToken(data.authorizationToken), expiresAt: expiry(env, data.expiresAt), proxyEndpoint: data.proxyEndpoint };
  } catch (e) {
    throw classifyAwsError(e, req.profile, `get an ECR token in ${req.region}`);
  }
}

export async function ecrPublicToken(env: Env, req: Omit<TokenRequest, 'region'>): Promise<RegistryToken> {
  try {
    const { ECRPUBLICClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr-public');
    // ECR Public issues tokens in us-east-1 only, whatever the profile's region.
    const client = new ECRPUBLICClient({ region: 'us-east-1', credentials: req.credentials, endpoint: endpoint(env, 'ECR_PUBLIC'), maxAttempts: 2 });
    const out = await client.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData;
    if (!data?.authorizationToken) throw new Error('ECR Public returned no authorization data.');
    return { ...decodeAuthorizationToken(data.authorizationToken), expiresAt: expiry(env, data.expiresAt) };
  } catch (e) {
    throw classifyAwsError(e, req.profile, 'get an ECR Public token');
  }
}

/** The account a profile's credentials belong to (STS GetCallerIdentity needs no permissions). */
export async function callerAccount(env: Env, profile: string, region: string, credentials: CredentialsProvider): Promise<string> {
  try {
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const client = new STSClient({ region, credentials, endpoint: endpoint(env, 'STS'), maxAttempts: 1 });
    const out = await client.send(new GetCallerIdentityCommand({}));
    if (!out.Account) throw new Error('STS returned no account.');
    return out.Account;
  } catch (e) {
    throw classifyAwsError(e, profile, 'identify the account');
  }
}
