import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv, UsageError } from '../../main/core/env';
import { resolvePaths } from '../../main/core/paths';

const base = { HOME: '/h', USERPROFILE: '/h', LOCALAPPDATA: '/h/AppData/Local', PATH: '/usr/bin' };
const pathsFor = (vars: Record<string, string>) => resolvePaths(currentEnv({ ...base, ...vars }));

describe('paths per platform', () => {
  it('macOS: ~/.finch for both files, DOCKER_CONFIG moves config.json only', () => {
    const p = pathsFor({ FINCH_LOGINS_PLATFORM: 'darwin' });
    expect(p.configJson).toBe('/h/.finch/config.json');
    expect(p.finchYaml).toBe('/h/.finch/finch.yaml');
    expect(p.stateDir).toBe('/h/Library/Application Support/finch-logins');
    expect(p.extraBinDirs).toEqual(['/usr/local/bin', '/opt/finch/bin', '/opt/homebrew/bin']);
    expect(pathsFor({ FINCH_LOGINS_PLATFORM: 'darwin', DOCKER_CONFIG: '/d' }).configJson).toBe('/d/config.json');
  });

  it('Windows: finch.yaml and the config.json the VM reads, both under LOCALAPPDATA', () => {
    const p = pathsFor({ FINCH_LOGINS_PLATFORM: 'win32' });
    expect(p.finchYaml).toBe(path.join('/h/AppData/Local', '.finch', 'finch.yaml'));
    expect(p.configJson).toBe(path.join('/h/AppData/Local', '.finch', 'config.json'));
    expect(pathsFor({ FINCH_LOGINS_PLATFORM: 'win32', DOCKER_CONFIG: '/d' }).configJson).toBe(path.join('/d', 'config.json'));
    expect(p.stateDir).toBe(path.join('/h/AppData/Local', 'finch-logins'));
  });

  it('Linux: /etc/finch/finch.yaml and root\u2019s docker config, under FINCH_LOGINS_ROOT', () => {
    const p = pathsFor({ FINCH_LOGINS_PLATFORM: 'linux', FINCH_LOGINS_ROOT: '/sandbox' });
    expect(p.finchYaml).toBe('/sandbox/etc/finch/finch.yaml');
    const env = currentEnv({ ...base, FINCH_LOGINS_PLATFORM: 'linux', FINCH_LOGINS_ROOT: '/sandbox' });
    expect(p.configJson).toBe(env.isRoot ? '/h/.docker/config.json' : '/sandbox/root/.docker/config.json');
    // Under `sudo -E` HOME is still the user's: root's config is root's, not the user's ~/.docker.
    expect(pathsFor({ FINCH_LOGINS_PLATFORM: 'linux', FINCH_LOGINS_ROOT: '/sandbox', SUDO_USER: 'dana' }).configJson).toBe('/sandbox/root/.docker/config.json');
  });

  it('AWS files and the state folder follow their variables', () => {
    const p = pathsFor({ FINCH_LOGINS_PLATFORM: 'darwin', AWS_CONFIG_FILE: '/a/c', AWS_SHARED_CREDENTIALS_FILE: '/a/k', FINCH_LOGINS_STATE_DIR: '/s' });
    expect([p.awsConfig, p.awsCredentials, p.stateDir]).toEqual(['/a/c', '/a/k', '/s']);
    expect(pathsFor({ FINCH_LOGINS_PLATFORM: 'linux' }).awsConfig).toBe('/h/.aws/config');
    expect(pathsFor({ FINCH_LOGINS_PLATFORM: 'linux', AWS_CONFIG_FILE: '~/cfg/aws' }).awsConfig).toBe('/h/cfg/aws');
  });

  it('a wrong FINCH_LOGINS_PLATFORM is a usage error', () => {
    expect(() => currentEnv({ ...base, FINCH_LOGINS_PLATFORM: 'macos' })).toThrow(UsageError);
  });
});
