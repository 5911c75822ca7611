// Sample homes for specs and the README's screenshots: what a Finch user's files really look like.
import { fakeCredentialHelper, type SandboxHomeOptions } from './sandbox-home';

/** The AWS files of a team using IAM Identity Center, a role in a second account, access keys and a process. */
export const awsConfig = `[default]
region = us-east-1
output = json

[profile dev]
sso_session = acme
sso_account_id = 123456789012
sso_role_name = PowerUserAccess
region = eu-west-1

[profile staging]
sso_session = acme
sso_account_id = 210987654321
sso_role_name = Deployer
region = eu-central-1

[profile prod]
role_arn = arn:aws:iam::987654321098:role/Deployer
source_profile = default
region = us-west-2

[profile ci]
credential_process = /usr/local/bin/aws-vault export --format=json ci

[sso-session acme]
sso_start_url = https://acme.awsapps.com/start#/
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

/** AWS's documented example keys: the secret must never reach the window. */
export const awsSecretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const awsCredentials = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${awsSecretKey}
`;

/** Finch as most specs' users have it: on macOS, version 1.19.0, its VM running. Spread into a home's options. */
export const macFinch = { platform: 'darwin', finch: { version: '1.19.0', vm: 'Running' } } satisfies Pick<SandboxHomeOptions, 'platform' | 'finch'>;

export const hour = 3_600_000;

/** The ISO time `ms` after `now` (before it, when negative): a login's expiresAt in the app's state. */
export function fromNow(ms: number, now: Date = new Date()): string {
  return new Date(now.getTime() + ms).toISOString();
}

/**
 * A macOS Finch user a few months in: ECR through ecr-login in two accounts, logins in the keychain (one ECR
 * token about to run out), ECR Public, Docker Hub, GitHub's registry and a company registry.
 */
export function screenshotHome(now: Date = new Date()): SandboxHomeOptions {
  return {
    ...macFinch,
    files: {
      '.finch/config.json': {
        auths: {
          '123456789012.dkr.ecr.us-east-1.amazonaws.com': {},
          '123456789012.dkr.ecr.eu-west-1.amazonaws.com': {},
          '210987654321.dkr.ecr.eu-central-1.amazonaws.com': {},
          '987654321098.dkr.ecr.us-west-2.amazonaws.com': {},
          'https://index.docker.io/v1/': {},
          'ghcr.io': {},
          'registry.acme.internal:5000': {},
        },
        credsStore: 'osxkeychain',
        credHelpers: {
          '123456789012.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login',
          '123456789012.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login',
          'public.ecr.aws': 'ecr-login',
        },
      },
      '.finch/finch.yaml': 'cpus: 4\nmemory: 8GiB\ncreds_helpers:\n  - ecr-login\n',
      '.aws/config': awsConfig,
      '.aws/credentials': awsCredentials,
    },
    programs: {
      'docker-credential-osxkeychain': fakeCredentialHelper({
        'https://index.docker.io/v1/': 'dana',
        'ghcr.io': 'dana-acme',
        '210987654321.dkr.ecr.eu-central-1.amazonaws.com': 'AWS',
        '987654321098.dkr.ecr.us-west-2.amazonaws.com': 'AWS',
      }),
    },
    appState: {
      version: 1,
      registries: {
        '210987654321.dkr.ecr.eu-central-1.amazonaws.com': { profile: 'staging', expiresAt: fromNow(9 * hour + 20 * 60_000, now) },
        '987654321098.dkr.ecr.us-west-2.amazonaws.com': { profile: 'prod', expiresAt: fromNow(35 * 60_000, now) },
      },
    },
  };
}
