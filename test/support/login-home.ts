// A sandbox home wired to the real test stack (e2e/stack/with-stack.sh): the finch stand-in, the registries (ECR
// hosts, ECR Public and Docker Hub served by local ones), the AWS stub, and the keyring in the stack's D-Bus session.
import path from 'node:path';
import type { Platform } from '../../shared/types';
import { makeSandbox, type Sandbox } from './sandbox-home';

export const stack = {
  up: process.env.FL_STACK === '1',
  registry: process.env.FL_REGISTRY ?? '',
  ecrRegistry: process.env.FL_ECR_REGISTRY ?? '',
  user: process.env.FL_REGISTRY_USER ?? '',
  password: process.env.FL_REGISTRY_PASSWORD ?? '',
  tokenPassword: process.env.FL_ECR_TOKEN_PASSWORD ?? '',
  aws: process.env.FL_AWS_ENDPOINT ?? '',
  finch: process.env.FL_FINCH ?? '',
};

/** Account ids used in the fixtures; the stub derives the account from the 12 digits in an access key id. */
export const accounts = { named: '111122223333', dev: '444455556666', role: '777788889999', denied: '222233334444', sso: '555566667777' } as const;
export const ecrHost = (account: string, region: string) => `${account}.dkr.ecr.${region}.amazonaws.com`;

export const awsConfig = `[default]
region = eu-west-1

[profile ${accounts.named}]
region = eu-west-1

[profile dev]
region = us-east-1

[profile role]
role_arn = arn:aws:iam::${accounts.role}:role/ecr-pull
source_profile = dev
region = eu-west-1

[profile denied]
region = eu-west-1

[profile mfa]
role_arn = arn:aws:iam::${accounts.role}:role/ecr-pull-mfa
source_profile = dev
mfa_serial = arn:aws:iam::${accounts.dev}:mfa/dana
region = us-east-1

[profile corp]
sso_session = corp
sso_account_id = ${accounts.sso}
sso_role_name = Developer
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start/#/
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
`;

export const awsCredentials = `[default]
aws_access_key_id = AKIDTEST${accounts.dev}
aws_secret_access_key = default-secret-key

[${accounts.named}]
aws_access_key_id = AKIDTEST${accounts.named}
aws_secret_access_key = named-secret-key

[dev]
aws_access_key_id = AKIDTEST${accounts.dev}
aws_secret_access_key = dev-secret-key

[denied]
aws_access_key_id = AKIDDENIED${accounts.denied}
aws_secret_access_key = denied-secret-key
`;

export function loginHome(opts: { platform?: Platform; config?: object | null; vars?: Record<string, string> } = {}): Sandbox {
  const files: Record<string, string | object> = { 'home/.aws/config': awsConfig, 'home/.aws/credentials': awsCredentials };
  if (opts.config !== null) files['home/.finch/config.json'] = opts.config ?? { credsStore: 'secretservice' };
  const sb = makeSandbox({ platform: opts.platform ?? 'darwin', files });
  Object.assign(sb.vars, {
    FINCH_LOGINS_FINCH: stack.finch,
    FL_FINCH_REGISTRY_MAP: JSON.stringify({ '*.amazonaws.com': stack.ecrRegistry, 'public.ecr.aws': stack.ecrRegistry, 'docker.io': stack.registry, 'ghcr.io': stack.registry }),
    AWS_ENDPOINT_URL_ECR: stack.aws,
    AWS_ENDPOINT_URL_ECR_PUBLIC: stack.aws,
    AWS_ENDPOINT_URL_STS: stack.aws,
    AWS_ENDPOINT_URL_SSO: stack.aws,
    AWS_ENDPOINT_URL_SSO_OIDC: stack.aws,
    AWS_CONFIG_FILE: path.join(sb.home, '.aws/config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(sb.home, '.aws/credentials'),
    ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}),
    ...opts.vars,
  });
  return sb;
}

export async function awsStats(): Promise<{ counts: Record<string, number> }> {
  return (await fetch(`${stack.aws}/__stats`)).json() as Promise<{ counts: Record<string, number> }>;
}
export async function resetAwsStats(): Promise<void> {
  await fetch(`${stack.aws}/__reset`, { method: 'POST' });
}
