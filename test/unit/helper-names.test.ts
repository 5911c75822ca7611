// The helper-name rule (credentials/helper-name.ts) and every place a name is read: config.json's credsStore and
// credHelpers, finch.yaml's creds_helpers, and openHelper itself. A name that is not a bare word is refused and never
// run: the sandbox's bin/evil is where docker-credential-x/../evil used to lead, and it records any run.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HelperError, openHelper } from '../../main/core/credentials/helper';
import { helperNameProblem } from '../../main/core/credentials/helper-name';
import { currentEnv } from '../../main/core/env';
import { dispatch } from '../../main/core/envelope';
import { createHandlers } from '../../main/core/handlers';
import { resolvePaths } from '../../main/core/paths';
import { fixIds } from '../../shared/ids';
import type { Check, Status } from '../../shared/types';
import { runCli } from '../support/cli';
import { hostileSandbox, layout, picture } from '../support/hostile';

describe('a helper name is a bare word', () => {
  it.each(['osxkeychain', 'secretservice', 'wincred', 'pass', 'desktop', 'ecr-login', 'gcloud', 'acr-env', 'gcr', 'a', 'v2.1_b'])('%s is one', (name) => {
    expect(helperNameProblem(name)).toBeNull();
  });
  it.each([
    ['x/../evil', /path separator/],
    ['/tmp/evil', /path separator/],
    ['x\\..\\evil', /path separator/],
    ['C:evil', /path separator/],
    ['..', /"\.\."/],
    ['a..b', /"\.\."/],
    ['', /bare word/],
    ['ecr login', /bare word/],
    ['a;b', /bare word/],
    ['-rf', /bare word/],
    ['.hidden', /bare word/],
    ['evil\n', /bare word/],
    ['évil', /bare word/],
    ['x'.repeat(201), /201 characters/],
  ])('%j is not', (name, why) => {
    expect(helperNameProblem(name)).toMatch(why);
  });
});

describe('openHelper refuses a name that is not a bare word, before anything runs', () => {
  it('docker-credential-x/../evil would have been bin/evil', async () => {
    const sb = hostileSandbox({});
    const env = currentEnv(sb.vars);
    expect(() => openHelper('x/../evil', env, resolvePaths(env))).toThrow(HelperError);
    expect(() => openHelper('x/../evil', env, resolvePaths(env))).toThrow(/"x\/\.\.\/evil" is not a credential helper name .*will not run it/);
    // The rule is what protects: the same program under a proper name is found and run.
    expect(await openHelper('evil', env, resolvePaths(env)).list()).toEqual({});
    expect(existsSync(sb.file('tripwire.log'))).toBe(true);
  });
});

const hostile = {
  credsStore: { credsStore: 'x/../evil', auths: { 'ghcr.io': { auth: Buffer.from('u:hunter2').toString('base64') } } },
  credHelpers: { credHelpers: { 'ghcr.io': 'x/../evil' }, auths: { 'ghcr.io': { auth: Buffer.from('u:hunter2').toString('base64') } } },
};

describe.each(Object.entries(hostile))('a hostile %s in config.json', (_, config) => {
  const sandbox = () => hostileSandbox({ [layout.configJson]: JSON.stringify(config), [layout.finchYaml]: 'cpus: 2\n' });

  it('status: a problem naming the file; the helper is not listed, not run', async () => {
    const sb = sandbox();
    const before = picture(sb.dir);
    const r = await runCli(sb.vars, ['status', '--json']);
    const s = JSON.parse(r.stdout) as Status;
    expect(s.problems).toContainEqual({ file: sb.file(layout.configJson), message: expect.stringMatching(/"x\/\.\.\/evil", which is not a credential helper name: it holds a path separator/) });
    expect(JSON.stringify(s.registries)).not.toContain('evil');
    expect(s.finch.credsStore).toBeNull();
    expect(s.finch.credHelpers).toEqual({});
    expect(picture(sb.dir)).toEqual(before);
  });

  it('doctor: config-json-valid is an error; no check runs or calls the store usable', async () => {
    const sb = sandbox();
    const before = picture(sb.dir);
    const r = await runCli(sb.vars, ['doctor', '--json']);
    expect(r.code).toBe(1);
    const checks = (JSON.parse(r.stdout) as { checks: Check[] }).checks;
    expect(checks.find((c) => c.id === 'config-json-valid')).toMatchObject({ status: 'error', detail: expect.stringContaining('not a credential helper name') });
    for (const id of ['creds-store-supported', 'helper-responds', 'plaintext-credentials'] as const) expect(checks.find((c) => c.id === id)?.status).toBe('skipped');
    expect(picture(sb.dir)).toEqual(before);
  });

  it('logins and every fix (migrate-plaintext above all) refuse, and nothing runs', async () => {
    const sb = sandbox();
    const before = picture(sb.dir);
    for (const args of [['login', 'ghcr.io', '--username', 'u', '--password-stdin'], ['logout', 'ghcr.io'], ...fixIds.map((id) => ['fix', id, '--yes'])]) {
      const r = await runCli(sb.vars, args, 'pw');
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout + r.stderr, args.join(' ')).toMatch(/not a credential helper name/);
    }
    expect(picture(sb.dir)).toEqual(before);
  });
});

describe('a hostile creds_helpers in finch.yaml', () => {
  it('status and doctor name the file; ecr-login-setup refuses to edit it', async () => {
    const sb = hostileSandbox({ [layout.configJson]: '{"auths": {}}', [layout.finchYaml]: 'creds_helpers:\n  - x/../evil\n' });
    const before = picture(sb.dir);
    const s = JSON.parse((await runCli(sb.vars, ['status', '--json'])).stdout) as Status;
    expect(s.finch.yamlCredsHelpers).toEqual([]);
    expect(s.problems).toContainEqual({ file: sb.file(layout.finchYaml), message: expect.stringContaining('lists "x/../evil", which is not a credential helper name') });
    const d = JSON.parse((await runCli(sb.vars, ['doctor', '--json'])).stdout) as { checks: Check[] };
    expect(d.checks.find((c) => c.id === 'finch-yaml-valid')).toMatchObject({ status: 'error' });
    const f = await runCli(sb.vars, ['fix', 'ecr-login-setup', '--yes']);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain(sb.file(layout.finchYaml));
    expect(picture(sb.dir)).toEqual(before);
  });
});

describe('the window\u2019s calls go through the same gate', () => {
  it('login, log in to all, logout, preview and apply of a fix: a file-invalid error naming the file; nothing runs', async () => {
    const sb = hostileSandbox({ [layout.configJson]: '{"auths": {"ghcr.io": {}}', [layout.finchYaml]: 'cpus: 2\n' });
    const before = picture(sb.dir);
    const h = createHandlers(currentEnv(sb.vars));
    const calls: [string, unknown][] = [
      ['login', { host: 'ghcr.io', username: 'u', password: 'hunter2' }],
      ['loginAll', {}],
      ['logout', { host: 'ghcr.io' }],
      ['previewFix', { fixId: 'migrate-plaintext' }],
      ['applyFix', { fixId: 'migrate-plaintext', token: 'migrate-plaintext:x' }],
    ];
    for (const [channel, payload] of calls) {
      const r = await dispatch(h, channel, payload);
      expect(r, channel).toMatchObject({ ok: false, error: { kind: 'file-invalid', message: expect.stringContaining(sb.file(layout.configJson)) } });
      expect(JSON.stringify(r), channel).toContain('the file ends too early');
      expect(JSON.stringify(r), channel).not.toContain('hunter2');
    }
    expect(picture(sb.dir)).toEqual(before);
  });
});
