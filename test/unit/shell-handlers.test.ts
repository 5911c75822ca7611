// What the shell adds around the handler table (busy, refresh, restart pending) and the settings channels.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeHandlers, restartPendingAfter } from '../../main/app/handler-observer';
import { currentEnv } from '../../main/core/env';
import { dispatch } from '../../main/core/envelope';
import { createHandlers, type Handlers } from '../../main/core/handlers';
import { renewPolicy } from '../../main/core/renew/schedule';
import type { AppSettings } from '../../shared/contract';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';

describe('handler observer', () => {
  function table(): Handlers {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = {
      login: vi.fn(async ({ host }: { host: string }) => (await gate, { host, result: 'logged-in' as const })),
      getStatus: vi.fn(async () => ({})),
      applyFix: vi.fn(async () => ({ fixId: 'x', applied: true, message: '', needsVmRestart: true })),
      restartVm: vi.fn(async () => 'running'),
      release: () => release(),
    };
    return t as unknown as Handlers;
  }

  it('is busy while a login runs, then asks for a refresh', async () => {
    const t = table();
    const events: string[] = [];
    const h = observeHandlers(t, {
      onBusyChange: (b) => events.push(b ? 'busy' : 'idle'),
      onChanged: () => events.push('changed'),
      onRestartPending: (p) => events.push(`restart ${p}`),
    });
    const a = h.login({ host: 'ghcr.io' });
    const b = h.login({ host: 'quay.io' });
    expect(events).toEqual(['busy']);
    (t as unknown as { release(): void }).release();
    await Promise.all([a, b]);
    expect(events).toEqual(['busy', 'changed', 'idle', 'changed']);
    await h.getStatus(undefined);
    expect(events).toHaveLength(4); // reading is neither busy nor a change
  });

  it('marks a VM restart as pending after a fix that needs one, until the VM restarted', async () => {
    const events: string[] = [];
    const h = observeHandlers(table(), { onBusyChange: () => undefined, onChanged: () => undefined, onRestartPending: (p) => events.push(String(p)) });
    await h.applyFix({ fixId: 'vm-restart', token: 't' });
    await h.restartVm(undefined);
    expect(events).toEqual(['true', 'false']);
    expect(restartPendingAfter('applyFix', { applied: false, needsVmRestart: true })).toBeUndefined();
    expect(restartPendingAfter('restartVm', 'stopped')).toBeUndefined();
    const check = (status: string) => [{ id: 'vm-restart-pending', title: '', status, detail: '' }];
    expect(restartPendingAfter('runChecks', check('warn'))).toBe(true);
    expect(restartPendingAfter('runChecks', check('ok'))).toBe(false);
    expect(restartPendingAfter('runChecks', [])).toBeUndefined();
  });

  it('stays not-busy after a failing call', async () => {
    const states: boolean[] = [];
    const h = observeHandlers({ login: () => Promise.reject(new Error('x')) } as unknown as Handlers, { onBusyChange: (b) => states.push(b), onChanged: () => undefined, onRestartPending: () => undefined });
    await expect(h.login({ host: 'a' })).rejects.toThrow('x');
    expect(states).toEqual([true, false]);
  });
});

describe('settings channels', () => {
  let sb: Sandbox;
  afterEach(() => rmSync(sb.dir, { recursive: true, force: true }));

  function handlers(extra: Parameters<typeof createHandlers>[1] = {}) {
    sb = makeSandbox({ platform: 'darwin' });
    return createHandlers(currentEnv(sb.vars), extra);
  }
  const stateDir = () => sb.vars.FINCH_LOGINS_STATE_DIR!;

  it('starts with safe defaults: no auto-renew, Dock icon as built, no start at login outside the app', async () => {
    const h = handlers();
    expect(await h.getSettings(undefined)).toEqual({
      startAtLogin: false,
      startAtLoginSupported: false,
      menuBarOnly: false,
      autoRenewAll: false,
      autoRenewHosts: [],
      renewBeforeMinutes: 30,
    } satisfies AppSettings);
    expect((await handlers({ menuBarOnlyDefault: true }).getSettings(undefined)).menuBarOnly).toBe(true);
  });

  it('persists the shell settings in settings.json, tells the shell and the window', async () => {
    const changed: AppSettings[] = [];
    const emitted: unknown[] = [];
    const h = handlers({ onSettingsChanged: (s) => changed.push(s), emit: (e, p) => emitted.push([e, p]) });
    const s = await h.setSettings({ menuBarOnly: true, autoRenewAll: true, renewBeforeMinutes: 45 });
    expect(s).toMatchObject({ menuBarOnly: true, autoRenewAll: true, renewBeforeMinutes: 45 });
    expect(JSON.parse(readFileSync(path.join(stateDir(), 'settings.json'), 'utf8'))).toEqual({ menuBarOnly: true, autoRenewAll: true, renewBeforeMinutes: 45 });
    expect(changed).toEqual([s]);
    expect(emitted).toEqual([['settingsChanged', s]]);
    expect(renewPolicy(s)).toEqual({ all: true, hosts: [], leadMs: 45 * 60_000 });
  });

  it('keeps the per-registry opt-in with the registry\u2019s memory in state.json', async () => {
    const h = handlers();
    const ecr = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    expect((await h.setAutoRenew({ host: `https://${ecr}`, enabled: true })).autoRenewHosts).toEqual([ecr]);
    expect(JSON.parse(readFileSync(path.join(stateDir(), 'state.json'), 'utf8')).registries[ecr]).toEqual({ autoRenew: true });
    expect((await h.setAutoRenew({ host: ecr, enabled: false })).autoRenewHosts).toEqual([]);
    await expect(h.setAutoRenew({ host: 'not a host!', enabled: true })).rejects.toMatchObject({ kind: 'invalid-host' });
  });

  it('changes start at login through the OS switch, never in settings.json', async () => {
    let on = false;
    const h = handlers({ loginItem: { get: () => on, set: (v) => void (on = v) } });
    expect(await h.setSettings({ startAtLogin: true })).toMatchObject({ startAtLogin: true, startAtLoginSupported: true });
    expect(on).toBe(true);
    expect(existsSync(path.join(stateDir(), 'settings.json'))).toBe(false);
    await expect(handlers().setSettings({ startAtLogin: true })).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('validates what the window sends', async () => {
    const h = handlers();
    expect(await dispatch(h, 'setSettings', { renewBeforeMinutes: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await dispatch(h, 'setSettings', { dockIcon: false })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await dispatch(h, 'setAutoRenew', { host: 'ghcr.io' })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await dispatch(h, 'getSettings', undefined)).toMatchObject({ ok: true });
  });

  it('falls back to the defaults when settings.json is damaged', async () => {
    const h = handlers();
    sb.write('state/settings.json', '{ not json');
    expect((await h.getSettings(undefined)).autoRenewAll).toBe(false);
    sb.write('state/settings.json', { autoRenewAll: 'yes', renewBeforeMinutes: 100000 });
    expect(await h.getSettings(undefined)).toMatchObject({ autoRenewAll: false, renewBeforeMinutes: 240 });
  });
});
