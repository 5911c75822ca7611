// Issue 10: each check and fix names the Finch versions and platforms it applies to, in words that follow
// finch/finch-rules.ts, and docs/health.md shows the same words. A check or fix said to be for some platforms only
// really does not run on the others.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { autoVmStartSince, credentialServerSince, loginSetsDockerConfigSince, symlinkedHelpersRejectedSince } from '../../main/core/finch/finch-rules';
import { allFixes } from '../../main/core/fixes/catalog';
import { previewFix } from '../../main/core/fixes/fix-service';
import { plaintextBugVersion } from '../../main/core/health/checks/finch-version';
import { allChecks } from '../../main/core/health/checks';
import { runChecks } from '../../main/core/health/run-checks';
import { fakeFinchScript, makeSandbox } from '../support/sandbox-home';

const fixes = Object.values(allFixes);
const all = [...allChecks.map((c) => ({ kind: 'check', id: c.id, versions: c.versions })), ...fixes.map((f) => ({ kind: 'fix', id: f.id, versions: f.versions }))];
/** The versions where Finch's behaviour changes, from finch-rules.ts (and 1.17, the last before 1.18.0). */
const thresholds = new Set([credentialServerSince, loginSetsDockerConfigSince, symlinkedHelpersRejectedSince, autoVmStartSince, plaintextBugVersion, '1.17']);
const forEveryPlatform = (v: string | undefined) => /every platform/.test(v ?? '');

describe('the Finch versions of each check and fix', () => {
  it.each(all)('$kind $id says which versions and platforms it applies to, naming only versions where Finch changes', ({ versions }) => {
    expect(versions).toMatch(/^(All versions, every platform|macOS and Windows, all versions|macOS (only|from))/);
    for (const v of versions!.match(/\d+\.\d+(\.\d+)?/g) ?? []) expect(thresholds, v).toContain(v);
  });

  it('docs/health.md shows the same words in its check and fix tables', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../docs/health.md'), 'utf8');
    for (const { id, versions } of all) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
      expect(row, id).toBeDefined();
      expect(row!.split(' | ').at(-1), id).toBe(`${versions!.replace(/\u2019/g, "'")} |`);
    }
  });

  it('on Linux, what is not for every platform does not run: those checks are skipped and those fixes refused', async () => {
    const sb = makeSandbox({ platform: 'linux', programs: { 'bin/finch': fakeFinchScript('v1.18.0') }, files: { 'home/.docker/config.json': { auths: {} } } });
    const env = currentEnv({ ...sb.vars, DOCKER_CONFIG: sb.file('home/.docker') });
    const checks = await runChecks(env);
    for (const c of allChecks) {
      const got = checks.find((x) => x.id === c.id)!;
      if (forEveryPlatform(c.versions)) expect(got.detail, c.id).not.toMatch(/Only Finch on macOS|no VM/);
      else expect(got, c.id).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/Only Finch on macOS|no VM/) });
    }
    for (const f of fixes.filter((x) => !forEveryPlatform(x.versions))) {
      await expect(previewFix(env, f.id), f.id).rejects.toMatchObject({ kind: 'fix-not-applicable' });
    }
  });
});
