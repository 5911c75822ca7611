// finch-logins doctor, in-process through main(): the JSON shape, exit codes and the failing-first text.
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli/index';
import type { Check } from '../../shared/types';
import { fakeCredentialStoreScript, fakeFinchScript, makeSandbox, type Sandbox } from '../support/sandbox-home';

async function cli(sb: Sandbox, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') }, sb.vars);
  return { code, stdout, stderr };
}

function healthyMac(): Sandbox {
  const sb = makeSandbox({
    platform: 'darwin',
    files: {
      'home/.finch/config.json': { credsStore: 'osxkeychain', auths: { 'ghcr.io': {} } },
      'home/.finch/finch.yaml': 'cpus: 2\nmemory: 4GiB\n',
      'home/.aws/config': '[default]\nregion = eu-west-1\n',
      'keyring/.keep': '',
    },
    programs: { 'bin/finch': fakeFinchScript('v1.19.0', 'Running') },
  });
  sb.write('root/usr/local/bin/docker-credential-osxkeychain', fakeCredentialStoreScript(sb.file('keyring')), 0o755);
  return sb;
}

describe('finch-logins doctor', () => {
  it('a healthy macOS home: every check ok, exit 0, JSON {"checks": [...]} with the contract\u2019s fields', async () => {
    const r = await cli(healthyMac(), 'doctor', '--json');
    expect(r.code).toBe(0);
    const { checks } = JSON.parse(r.stdout) as { checks: Check[] };
    expect(checks).toHaveLength(15);
    for (const c of checks) {
      expect(Object.keys(c).sort()).toEqual(expect.arrayContaining(['detail', 'id', 'status', 'title']));
      expect(c.status, `${c.id}: ${c.detail}`).toBe('ok');
    }
  });

  it('an error makes exit 1; the text lists failing checks first, with the command that fixes each', async () => {
    const sb = healthyMac();
    sb.write('home/.finch/config.json', { credsStore: 'desktop', auths: { 'ghcr.io': { auth: Buffer.from('octo:pw').toString('base64') } } });
    const json = await cli(sb, 'doctor', '--json');
    expect(json.code).toBe(1);
    const r = await cli(sb, 'doctor');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const firstOk = lines.findIndex((l) => l.startsWith('ok '));
    const lastProblem = Math.max(...lines.map((l, i) => (/^(ERROR|WARN)/.test(l) ? i : -1)));
    expect(lastProblem).toBeLessThan(firstOk);
    expect(lines[0]).toMatch(/^ERROR\s+Credential store works with Finch$/);
    expect(r.stdout).toContain('fix: finch-logins fix remove-unsupported-store');
    expect(r.stdout).toMatch(/WARN\s+No passwords in plain text/);
    expect(r.stdout).toMatch(/^1 error, \d warnings?, \d+ ok, \d skipped\.$/m);
    expect(r.stdout).not.toContain('octo:pw');
  });

  it('warnings alone exit 0; a stray argument is a usage error (exit 2)', async () => {
    const sb = healthyMac();
    sb.write('home/.finch/config.json', { credsStore: 'osxkeychain', auths: { 'ghcr.io': { auth: Buffer.from('octo:pw').toString('base64') } } });
    expect((await cli(sb, 'doctor')).code).toBe(0);
    expect((await cli(sb, 'doctor', 'now')).code).toBe(2);
    expect((await cli(sb, 'doctor', '--verbos')).code).toBe(2);
  });
});
