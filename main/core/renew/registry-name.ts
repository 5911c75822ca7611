// A registry as people say it: "ECR 123456789012 (eu-west-1)" rather than the 45-character host. Used where space
// is short and the host is not copied: the tray menu and notifications.
import { parseEcrHost, registryKind } from '../registries/host';

export function registryName(host: string): string {
  switch (registryKind(host)) {
    case 'ecr': {
      const ecr = parseEcrHost(host);
      return ecr ? `ECR ${ecr.accountId} (${ecr.region})` : host;
    }
    case 'ecr-public':
      return 'ECR Public';
    case 'docker-hub':
      return 'Docker Hub';
    default:
      return host;
  }
}
