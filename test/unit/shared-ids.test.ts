// The identifiers and rules shared by main, the window and the CLI: the closed lists match what the core really
// has, requests are validated against them, and failures carry facts (detail), not text to match.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HelperError } from '../../main/core/credentials/helper';
import { currentEnv } from '../../main/core/env';
import { Failure, toAppError } from '../../main/core/failure';
import { allFixes } from '../../main/core/fixes/catalog';
import { allChecks } from '../../main/core/health/checks';
import { login } from '../../main/core/login/login-service';
import { checkIds, errorKinds, fixIds, isFixId } from '../../shared/ids';
import { clampLead, defaultRenewBeforeMinutes, renewBeforeRange } from '../../shared/renew';
import { requestSchemas } from '../../shared/schemas';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';

describe('closed lists', () => {
  it('checkIds are the catalog, in its order; fixIds are the fixes', () => {
    expect(allChecks.map((c) => c.id)).toEqual([...checkIds]);
    expect(Object.keys(allFixes).sort()).toEqual([...fixIds].sort());
    for (const [id, fix] of Object.entries(allFixes)) expect(fix.id).toBe(id);
  });

  it('lists each kind once', () => {
    expect(new Set(errorKinds).size).toBe(errorKinds.length);
    expect(new Set(checkIds).size).toBe(checkIds.length);
  });

  it('the contract accepts every fix id and nothing else', () => {
    for (const fixId of fixIds) expect(requestSchemas.previewFix.safeParse({ fixId }).success).toBe(true);
    const refused = requestSchemas.previewFix.safeParse({ fixId: 'make-it-work' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('not a fix id');
    expect(isFixId('vm-restart')).toBe(true);
    expect(isFixId('toString')).toBe(false);
  });
});

describe('renewal rules', () => {
  it('clamps the lead to whole minutes within the range the contract accepts', () => {
    const cases: [number, number][] = [[-10, 5], [0, 5], [4.4, 5], [5, 5], [12.49, 12], [12.5, 13], [30, 30], [239.6, 240], [241, 240], [1e6, 240]];
    for (const [typed, kept] of cases) expect(clampLead(typed)).toBe(kept);
    const lead = (n: number) => requestSchemas.setSettings.safeParse({ renewBeforeMinutes: n }).success;
    expect([lead(renewBeforeRange.min), lead(renewBeforeRange.max), lead(defaultRenewBeforeMinutes)]).toEqual([true, true, true]);
    expect([lead(renewBeforeRange.min - 1), lead(renewBeforeRange.max + 1)]).toEqual([false, false]);
  });
});

describe('errors across the boundary', () => {
  it('a credential helper error becomes a kind of ours with a hint, not the helper class\'s own kind', () => {
    expect(toAppError(new HelperError('pass', 'docker-credential-pass was not found on PATH.', 'missing'))).toEqual({
      kind: 'helper-missing',
      message: 'docker-credential-pass was not found on PATH.',
      hint: expect.stringContaining('docker-credential-pass'),
    });
    expect(toAppError(new HelperError('pass', 'no answer', 'timeout')).kind).toBe('timeout');
    expect(toAppError(new HelperError('pass', 'garbage', 'garbage')).kind).toBe('helper-failed');
  });

  it('anything else unexpected is internal, with the bug hint', () => {
    const tagged = Object.assign(new Error('boom'), { kind: 'needs-password' });
    expect(toAppError(tagged)).toMatchObject({ kind: 'internal', message: 'boom', hint: expect.stringContaining('bug') });
    expect(toAppError(new Failure('needs-mfa', 'MFA', undefined, { profile: 'dev' }))).toEqual({ kind: 'needs-mfa', message: 'MFA', detail: { profile: 'dev' } });
  });

  let sb: Sandbox | undefined;
  afterEach(() => sb && rmSync(sb.dir, { recursive: true, force: true }));

  it('a password asked for again says why in detail.reason, which the window reads instead of the message', async () => {
    sb = makeSandbox({ platform: 'darwin', files: { 'state/state.json': { version: 1, registries: { 'ghcr.io': { rememberedUser: 'dana' } } } } });
    const emptyKeychain = async () => ({ getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false });
    const env = currentEnv(sb.vars);
    const gone = await login(env, { host: 'ghcr.io' }, { keychain: emptyKeychain });
    expect(gone.error).toMatchObject({ kind: 'needs-password', detail: { host: 'ghcr.io', reason: 'keychain-empty' } });
    const never = await login(env, { host: 'quay.io' }, { keychain: emptyKeychain });
    expect(never.error).toMatchObject({ kind: 'needs-password', detail: { host: 'quay.io', reason: 'not-remembered' } });
    const noUser = await login(env, { host: 'quay.io', password: 'x' }, { keychain: emptyKeychain });
    expect(noUser.error).toMatchObject({ kind: 'needs-password', detail: { reason: 'no-username' } });
  });
});
