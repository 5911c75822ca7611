// The ECR registries Finch or this app knows about: what ecr-login must be set up for.
import type { ConfigJson } from '../finch/config-json';
import { canonicalHost, registryKind } from '../registries/host';
import type { StoreListing } from '../registries/model';
import type { AppState } from '../state/app-state';

export function knownEcrHosts(config: ConfigJson, store: StoreListing | null, state: AppState): string[] {
  const keys = [
    ...Object.keys(config.auths),
    ...Object.keys(config.credHelpers),
    ...Object.keys(store?.entries ?? {}),
    ...Object.keys(state.registries),
  ];
  const hosts = new Set<string>();
  for (const key of keys) {
    const host = canonicalHost(key);
    const kind = registryKind(host);
    if (kind === 'ecr' || kind === 'ecr-public') hosts.add(host);
  }
  return [...hosts].sort();
}

/** Whether ecr-login is in use anywhere Finch reads (finch.yaml's creds_helpers is ignored on Linux). */
export function ecrLoginConfigured(config: ConfigJson, yamlHelpers: string[], platform: string): boolean {
  return (
    config.credsStore === 'ecr-login' ||
    Object.values(config.credHelpers).includes('ecr-login') ||
    (platform !== 'linux' && yamlHelpers.includes('ecr-login'))
  );
}

/** ECR hosts that have no credHelpers entry (canonical host or the same host as written in config.json). */
export function ecrHostsWithoutHelper(config: ConfigJson, hosts: string[]): string[] {
  const covered = new Set(Object.keys(config.credHelpers).map(canonicalHost));
  return hosts.filter((h) => !covered.has(h));
}
