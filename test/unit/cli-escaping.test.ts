// Text output cannot be forged: control characters from files and programs are escaped in everything the CLI prints
// (main/cli/output.ts, with the rule in shared/printable.ts), and a value never starts a line of its own.
import { describe, expect, it } from 'vitest';
import { oneLine, printable } from '../../shared/printable';
import { renderStatus } from '../../main/cli/status-command';
import type { Registry, Status } from '../../shared/types';
import { runCli } from '../support/cli';
import { hostileSandbox, layout } from '../support/hostile';

/** Anything a terminal would act on: C0 but \n, DEL, C1, bidi and line-separator marks. */
const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable and oneLine', () => {
  it('escape ESC, OSC, CSI, CR, DEL, C1 and bidi marks as \\uXXXX; keep text', () => {
    expect(printable('a\u001b]0;title\u0007b\u001b[2Jc\rd\u007fe\u009bf\u202eg\nh\ti')).toBe('a\\u001b]0;title\\u0007b\\u001b[2Jc\\u000dd\\u007fe\\u009bf\\u202eg\nh\ti');
    expect(oneLine('a\nb\tc')).toBe('a\\nb\\tc');
    expect(printable('ghcr.io → ünïcode ✓')).toBe('ghcr.io → ünïcode ✓');
  });
  it('keep --json valid and equal: an escape lands inside a JSON string as the same character', () => {
    const doc = { host: 'x\u009b\u2028y' };
    expect(JSON.parse(printable(JSON.stringify(doc)))).toEqual(doc);
  });
});

const forged = 'evil.io\nghcr.io                                       other  -               plaintext (admin)  -        logged-in';
const hostile = {
  auths: {
    [forged]: { auth: Buffer.from('u:p').toString('base64') },
    '\u001b]0;pwned\u0007title.io': {},
    '\u001b[2J\u001b[Hclear.io': {},
    'red\u009b31m.io': {},
    'rtl\u202eoi.lave': {},
  },
};

describe('finch-logins status with hostile registry keys', () => {
  it('prints them escaped, one row each; --json keeps the keys (lower-cased, as hosts are)', async () => {
    const sb = hostileSandbox({ [layout.configJson]: JSON.stringify(hostile), [layout.finchYaml]: 'cpus: 2\n' });
    const text = await runCli(sb.vars, ['status']);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(raw);
    expect(text.stdout).toContain('evil.io\\nghcr.io');
    expect(text.stdout).toContain('\\u001b]0;pwned\\u0007title.io');
    expect(text.stdout).toContain('red\\u009b31m.io');
    expect(text.stdout).toContain('rtl\\u202eoi.lave');
    // No row starts with the forged host: every registry line is one of the five.
    expect(text.stdout.split('\n').filter((l) => /^ghcr\.io/.test(l))).toEqual([]);
    const json = await runCli(sb.vars, ['status', '--json']);
    expect(json.stdout).not.toMatch(raw);
    const hosts = (JSON.parse(json.stdout) as Status).registries.map((r) => r.host);
    expect(hosts.sort()).toEqual(Object.keys(hostile.auths).map((k) => k.toLowerCase()).sort());
  });

  it('a garbage store reply is shown escaped by status and doctor', async () => {
    const sb = hostileSandbox({ [layout.configJson]: JSON.stringify({ credsStore: 'garbage', auths: {} }) });
    sb.write('bin/docker-credential-garbage', '#!/bin/sh\nprintf "\\033]52;c;cHduZWQ=\\007\\033[31mnot json\\r\\n"\nexit 0\n', 0o755);
    for (const args of [['status'], ['doctor']]) {
      const r = await runCli(sb.vars, args);
      expect(r.stdout + r.stderr, args[0]).toContain('\\u001b]52;c;cHduZWQ=\\u0007\\u001b[31mnot json');
      expect(r.stdout + r.stderr, args[0]).not.toMatch(raw);
    }
  });

  it('a failed login with ESC in finch\u2019s message, and a host with a line feed, stay on their lines', async () => {
    const sb = hostileSandbox({ [layout.configJson]: '{"auths": {}}' });
    sb.write('bin/finch', '#!/bin/sh\n[ "$1" = --version ] && { echo "finch version v1.19.0"; exit 0; }\nprintf \'time="x" level=fatal msg="\\033[2Jboom\\033]0;t\\007"\\n\' >&2\nexit 1\n', 0o755);
    const r = await runCli(sb.vars, ['login', 'ghcr.io', '--username', 'u', '--password-stdin'], 'pw');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\\u001b[2Jboom');
    expect(r.stdout + r.stderr).not.toMatch(raw);
  });
});

describe('renderStatus', () => {
  it('lists 130,000 registries (Math.max over the rows overflowed the stack)', () => {
    const registries: Registry[] = Array.from({ length: 130_000 }, (_, i) => ({
      host: `r${i}.example.com`, kind: 'other', auth: 'none', profile: null, expiresAt: null, state: 'logged-out',
    }));
    const status: Status = {
      platform: 'linux',
      finch: { path: null, version: null, vm: 'unknown', configFile: '/c', yamlFile: '/y', credsStore: null, credHelpers: {}, yamlCredsHelpers: [] },
      registries, profiles: [], problems: [],
    } as unknown as Status;
    const out = renderStatus(status, new Date());
    expect(out.split('\n').filter((l) => /^r\d+\.example\.com/.test(l))).toHaveLength(130_000);
  });
});
