// Role credentials from IAM Identity Center (GetRoleCredentials) for a registry added from the account picker:
// the same shape the ECR client takes from a profile, resolved at most once per account + role per batch.
import type { Env } from '../env';
import type { CredentialsProvider } from '../login/ecr-token';
import type { Paths } from '../paths';
import { withSessionToken } from './sso-accounts';
import { portalClient } from './sso-clients';
import type { SsoSession } from './sso-sessions';

export function ssoRoleCredentials(env: Env, paths: Paths, s: SsoSession, accountId: string, roleName: string): CredentialsProvider {
  let resolved: ReturnType<CredentialsProvider> | undefined;
  return () =>
    (resolved ??= (async () => {
      const { client, sdk } = await portalClient(env, s.region);
      const out = await withSessionToken(
        env,
        paths,
        s,
        (token) => client.send(new sdk.GetRoleCredentialsCommand({ accessToken: token, accountId, roleName })),
        { accountId, roleName },
      );
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey) throw new Error('IAM Identity Center returned no role credentials.');
      return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, ...(c.expiration ? { expiration: new Date(c.expiration) } : {}) };
    })());
}
