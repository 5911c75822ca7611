// What a registry host is: its canonical name, its kind, and for ECR its account and region. Pure and
// environment-free, so main (logins, status) and the renderer (the "Add registry" dialog) share one reading.
import type { RegistryKind } from './types';

/** The key docker and Finch store Docker Hub logins under. */
export const dockerHubKey = 'https://index.docker.io/v1/';
export const dockerHubHost = 'docker.io';
export const ecrPublicHost = 'public.ecr.aws';
const dockerHubAliases = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

// Private ECR, after amazon-ecr-credential-helper's pattern: commercial, FIPS, China, dual-stack (on.aws) and the
// sovereign/ISO partitions.
const ecrPattern =
  /^(\d{12})\.dkr[.-]ecr(-fips)?\.([a-z0-9][a-z0-9-_]*)\.(amazonaws\.com(?:\.cn)?|on\.aws|on\.amazonwebservices\.com\.cn|sc2s\.sgov\.gov|c2s\.ic\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov|amazonaws\.eu)$/i;

/**
 * The canonical host for a config key: scheme, path and a default :443 dropped, lower-cased, Docker Hub's
 * aliases folded into docker.io. nerdctl ≥ 2 may store both "host" and "host:443"; both map here.
 */
export function canonicalHost(key: string): string {
  let h = key.trim().replace(/^[a-z]+:\/\//i, '');
  h = h.split('/')[0]!.toLowerCase();
  if (h.endsWith(':443')) h = h.slice(0, -4);
  return dockerHubAliases.has(h) ? dockerHubHost : h;
}

/** The server address `finch login` is given for a canonical host. */
export function loginAddress(host: string): string {
  // Docker Hub logins live under the legacy index URL in every client's config.json.
  return host === dockerHubHost ? dockerHubKey : host;
}

export interface EcrHost {
  accountId: string;
  region: string;
  fips: boolean;
  dualStack: boolean;
}

export function parseEcrHost(host: string): EcrHost | null {
  const m = ecrPattern.exec(host);
  if (!m) return null;
  return { accountId: m[1]!, region: m[3]!.toLowerCase(), fips: !!m[2], dualStack: host.includes('.dkr-ecr.') };
}

export function registryKind(host: string): RegistryKind {
  if (host === dockerHubHost) return 'docker-hub';
  if (host === ecrPublicHost) return 'ecr-public';
  return parseEcrHost(host) ? 'ecr' : 'other';
}

/** The private ECR host of an account in a region (commercial or China partition). */
export function ecrHostFor(accountId: string, region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${accountId}.dkr.ecr.${region}.${suffix}`;
}

/** A host as a user might paste it ("https://x/v2/", "X:443"): the canonical form, or an error in words. */
export function parseUserHost(input: string): { host: string } | { error: string } {
  const trimmed = input.trim();
  if (trimmed === '') return { error: 'Enter a registry host, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com.' };
  const host = canonicalHost(trimmed);
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-_]*[a-z0-9])?)*(:\d{1,5})?$/.test(host)) {
    return { error: `"${trimmed}" is not a registry host name (letters, digits, dots, dashes and an optional :port).` };
  }
  return { host };
}

/** A pasted host, recognised: its canonical form and kind, and for private ECR its account and region. */
export type RecognisedHost = { host: string; kind: RegistryKind; ecr: EcrHost | null } | { error: string };

export function recogniseHost(input: string): RecognisedHost {
  const parsed = parseUserHost(input);
  if ('error' in parsed) return parsed;
  return { host: parsed.host, kind: registryKind(parsed.host), ecr: parseEcrHost(parsed.host) };
}

/** An AWS region name as the contract accepts it ("eu-west-1", "us-gov-west-1"). */
export const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d$/;
