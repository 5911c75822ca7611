import { describe, expect, it } from 'vitest';
import { canonicalHost, ecrHostFor, parseEcrHost, parseUserHost, registryKind } from '../../main/core/registries/host';

describe('registry hosts', () => {
  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', '123456789012', 'eu-west-1'],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', '123456789012', 'us-gov-west-1'],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', '123456789012', 'cn-north-1'],
    ['123456789012.dkr-ecr.us-east-1.on.aws', '123456789012', 'us-east-1'],
    ['123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov', '123456789012', 'us-iso-east-1'],
    ['123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov', '123456789012', 'us-isob-east-1'],
  ])('%s is ECR account %s in %s', (host, account, region) => {
    expect(registryKind(host)).toBe('ecr');
    expect(parseEcrHost(host)).toMatchObject({ accountId: account, region });
  });

  it.each([
    ['public.ecr.aws', 'ecr-public'],
    ['docker.io', 'docker-hub'],
    ['ghcr.io', 'other'],
    ['12345.dkr.ecr.us-east-1.amazonaws.com', 'other'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example', 'other'],
  ])('%s is %s', (host, kind) => expect(registryKind(host)).toBe(kind));

  it('folds the keys docker and nerdctl write into one host', () => {
    expect(canonicalHost('https://index.docker.io/v1/')).toBe('docker.io');
    expect(canonicalHost('registry-1.docker.io')).toBe('docker.io');
    expect(canonicalHost('ghcr.io:443')).toBe('ghcr.io');
    expect(canonicalHost('https://Localhost:5000/v2/')).toBe('localhost:5000');
  });

  it('builds ECR hosts per partition and reads what a user pastes', () => {
    expect(ecrHostFor('111122223333', 'cn-north-1')).toBe('111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn');
    expect(parseUserHost(' https://ghcr.io/ ')).toEqual({ host: 'ghcr.io' });
    expect(parseUserHost('not a host')).toHaveProperty('error');
    expect(parseUserHost('')).toHaveProperty('error');
  });
});

describe('countdown text (shared by the CLI and the window)', () => {
  it('reads as hours and minutes, minutes alone, or under a minute', async () => {
    const { formatRemaining } = await import('../../shared/format');
    expect(formatRemaining((7 * 60 + 12) * 60_000 + 5_000)).toBe('7 h 12 m');
    expect(formatRemaining(45 * 60_000)).toBe('45 m');
    expect(formatRemaining(20_000)).toBe('<1 m');
  });
});

describe('a pasted host, recognised for the Add registry dialog', () => {
  it('names the kind and, for ECR, the account and region', async () => {
    const { recogniseHost } = await import('../../shared/registry-host');
    expect(recogniseHost('https://111122223333.dkr.ecr.eu-west-1.amazonaws.com/v2/')).toMatchObject({
      host: '111122223333.dkr.ecr.eu-west-1.amazonaws.com',
      kind: 'ecr',
      ecr: { accountId: '111122223333', region: 'eu-west-1' },
    });
    expect(recogniseHost('index.docker.io')).toMatchObject({ host: 'docker.io', kind: 'docker-hub', ecr: null });
    expect(recogniseHost('public.ecr.aws')).toMatchObject({ kind: 'ecr-public' });
    expect(recogniseHost('not a host')).toHaveProperty('error');
  });
});
