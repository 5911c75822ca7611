// The tray's menu templates and what each item does, against a stand-in handler table.
import { describe, expect, it, vi } from 'vitest';
import { createTrayDispatcher, healthNotification, type TrayActionDeps } from '../../main/app/tray-actions';
import { menuTemplate } from '../../main/app/tray-menu';
import type { MenuItemSpec, TrayAction } from '../../main/app/tray-model';
import type { Handlers } from '../../main/core/handlers';
import type { AppSettings } from '../../shared/contract';
import type { Check, LoginOutcome } from '../../shared/types';

const ecr = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const settings: AppSettings = { startAtLogin: false, startAtLoginSupported: true, menuBarOnly: false, autoRenewAll: false, autoRenewHosts: [ecr], renewBeforeMinutes: 30 };

function setup(over: Partial<Record<keyof Handlers, (request: { host: string }) => Promise<unknown>>> = {}) {
  const fns = {
    login: vi.fn(async ({ host }: { host: string }): Promise<LoginOutcome> => ({ host, result: 'logged-in' })),
    loginAll: vi.fn(async (): Promise<LoginOutcome[]> => []),
    runChecks: vi.fn(async (): Promise<Check[]> => []),
    restartVm: vi.fn(async () => 'running'),
    getSettings: vi.fn(async () => settings),
    setSettings: vi.fn(async () => settings),
    setAutoRenew: vi.fn(async () => settings),
    ...over,
  };
  const handlers = fns as unknown as Handlers;
  const deps: TrayActionDeps = {
    handlers,
    window: { show: vi.fn(), focusRegistry: vi.fn() },
    notify: vi.fn(),
    settings: () => settings,
    takeNotice: vi.fn((id: string) => (id === 'finch-logins|failed|ghcr.io' ? { id, title: 'Could not log in to ghcr.io', host: 'ghcr.io' } : id === 'finch-logins|info|' ? { id, title: 'Health', host: null } : undefined)),
    quit: vi.fn(),
  };
  return { handlers: fns as unknown as Record<'setSettings' | 'setAutoRenew' | 'login' | 'restartVm', ReturnType<typeof vi.fn>>, deps, dispatch: createTrayDispatcher(deps) };
}

describe('menu template', () => {
  it('maps the model to Electron templates whose clicks dispatch the item\u2019s action', () => {
    const seen: TrayAction[] = [];
    const items: MenuItemSpec[] = [
      { type: 'normal', label: 'Summary', enabled: false },
      { type: 'separator' },
      { type: 'submenu', label: 'ghcr.io', enabled: true, items: [{ type: 'normal', label: 'Log in', enabled: true, action: { id: 'login', host: 'ghcr.io' } }] },
      { type: 'checkbox', label: 'Start at Login', enabled: true, checked: true, action: { id: 'toggle-start-at-login' } },
    ];
    const t = menuTemplate(items, (a) => seen.push(a));
    expect(t[0]).toEqual({ label: 'Summary', enabled: false });
    expect(t[1]).toEqual({ type: 'separator' });
    expect(t[3]).toMatchObject({ type: 'checkbox', checked: true, label: 'Start at Login' });
    const sub = t[2]!.submenu as { click: () => void }[];
    sub[0]!.click();
    (t[3]!.click as () => void)();
    expect(seen).toEqual([{ id: 'login', host: 'ghcr.io' }, { id: 'toggle-start-at-login' }]);
  });
});

describe('tray actions', () => {
  it('a notice line opens its registry (or the window) and leaves the menu', async () => {
    const { dispatch, deps } = setup();
    await dispatch({ id: 'open-notice', noticeId: 'finch-logins|failed|ghcr.io' });
    expect(deps.takeNotice).toHaveBeenCalledWith('finch-logins|failed|ghcr.io');
    expect(deps.window.focusRegistry).toHaveBeenCalledWith('ghcr.io');
    await dispatch({ id: 'open-notice', noticeId: 'finch-logins|info|' });
    expect(deps.window.show).toHaveBeenCalledTimes(1);
  });

  it('logs in quietly when it works', async () => {
    const { dispatch, deps, handlers } = setup();
    await dispatch({ id: 'login', host: ecr });
    expect(handlers.login).toHaveBeenCalledWith({ host: ecr });
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.window.focusRegistry).not.toHaveBeenCalled();
  });

  it('takes the user to the registry when the login needs them, and notifies other failures', async () => {
    const needsMfa = setup({ login: async ({ host }) => ({ host, result: 'failed', error: { kind: 'needs-mfa', message: 'MFA' } }) });
    await needsMfa.dispatch({ id: 'login', host: ecr });
    expect(needsMfa.deps.window.focusRegistry).toHaveBeenCalledWith(ecr);
    expect(needsMfa.deps.notify).not.toHaveBeenCalled();

    const denied = setup({ login: async ({ host }) => ({ host, result: 'failed', error: { kind: 'access-denied', message: 'AccessDenied' } }) });
    await denied.dispatch({ id: 'login', host: ecr });
    expect(denied.deps.notify).toHaveBeenCalledWith({ title: 'Could not log in to ECR 123456789012 (eu-west-1)', body: 'AccessDenied', host: ecr, reason: 'failed' });
  });

  it('logs in to all and reports what needs the user', async () => {
    const { dispatch, deps } = setup({
      loginAll: async () => [
        { host: ecr, result: 'logged-in' },
        { host: 'ghcr.io', result: 'skipped', error: { kind: 'needs-password', message: 'pw' } },
        { host: 'quay.io', result: 'skipped', error: { kind: 'helper-managed', message: 'helper' } },
      ],
    });
    await dispatch({ id: 'login-all' });
    expect(deps.notify).toHaveBeenCalledTimes(1);
    expect(deps.notify).toHaveBeenCalledWith(expect.objectContaining({ title: 'ghcr.io: password needed', host: 'ghcr.io', reason: 'input-needed' }));
  });

  it('runs the health check and says how it went', async () => {
    const checks: Check[] = [
      { id: 'finch-installed', title: 'Finch found', status: 'ok', detail: '' },
      { id: 'creds-store-supported', title: 'credsStore is ecr-login', status: 'error', detail: '' },
    ];
    const { dispatch, deps } = setup({ runChecks: async () => checks });
    await dispatch({ id: 'health-check' });
    expect(deps.notify).toHaveBeenCalledWith({ title: 'Health check: 1 problem', body: 'credsStore is ecr-login. Click to see the fixes.', host: null, reason: 'failed' });
    expect(healthNotification([checks[0]!])).toMatchObject({ title: 'Health check passed', reason: 'info' });
  });

  it('toggles each setting from its current value', async () => {
    const { dispatch, handlers } = setup();
    await dispatch({ id: 'toggle-start-at-login' });
    await dispatch({ id: 'toggle-menu-bar-only' });
    await dispatch({ id: 'toggle-auto-renew-all' });
    expect(handlers.setSettings.mock.calls).toEqual([[{ startAtLogin: true }], [{ menuBarOnly: true }], [{ autoRenewAll: true }]]);
    await dispatch({ id: 'toggle-auto-renew', host: ecr });
    await dispatch({ id: 'toggle-auto-renew', host: 'public.ecr.aws' });
    expect(handlers.setAutoRenew.mock.calls).toEqual([[{ host: ecr, enabled: false }], [{ host: 'public.ecr.aws', enabled: true }]]);
  });

  it('opens the window, shows a registry, restarts the VM and quits', async () => {
    const { dispatch, deps, handlers } = setup();
    await dispatch({ id: 'open-window' });
    await dispatch({ id: 'open-registry', host: 'ghcr.io' });
    await dispatch({ id: 'restart-vm' });
    await dispatch({ id: 'quit' });
    expect(deps.window.show).toHaveBeenCalledTimes(1);
    expect(deps.window.focusRegistry).toHaveBeenCalledWith('ghcr.io');
    expect(handlers.restartVm).toHaveBeenCalled();
    expect(deps.quit).toHaveBeenCalled();
  });

  it('turns a thrown error into a notification instead of an unhandled rejection', async () => {
    const { dispatch, deps } = setup({ restartVm: async () => Promise.reject(new Error('finch vm start timed out')) });
    await expect(dispatch({ id: 'restart-vm' })).resolves.toBeUndefined();
    expect(deps.notify).toHaveBeenCalledWith({ title: 'Could not restart the Finch VM', body: 'finch vm start timed out', host: null, reason: 'failed' });
  });
});
