// What each tray menu item does, against the same handler table the window uses. Electron-free (the window,
// notifications and quit are passed in), so the behaviour is unit-tested.
import type { AppSettings } from '../../shared/contract';
import type { Check } from '../../shared/types';
import { toAppError } from '../core/failure';
import type { Handlers } from '../core/handlers';
import { loginNotification, loginNotifications, needsInput, type NotificationSpec } from '../core/renew/notification-model';
import type { Notice } from './notice-model';
import type { TrayAction } from './tray-model';

export interface TrayActionDeps {
  handlers: Handlers;
  window: { show(): void; focusRegistry(host: string): void };
  notify(spec: NotificationSpec): void;
  /** The settings as last read (the checkboxes show them). */
  settings(): AppSettings | null;
  /** Removes a notice from the tray menu, returning it (see notice-model.ts). */
  takeNotice(id: string): Notice | undefined;
  quit(): void;
}

/** After a health check run from the tray: the user asked, so they hear the result either way. */
export function healthNotification(checks: readonly Check[]): NotificationSpec {
  const bad = checks.filter((c) => c.status === 'error' || c.status === 'warn');
  if (bad.length === 0) {
    return { title: 'Health check passed', body: `All ${checks.filter((c) => c.status === 'ok').length} checks are fine.`, host: null, reason: 'info' };
  }
  const titles = bad.slice(0, 3).map((c) => c.title);
  return {
    title: `Health check: ${bad.length} problem${bad.length === 1 ? '' : 's'}`,
    body: `${titles.join('; ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}. Click to see the fixes.`,
    host: null,
    reason: 'failed',
  };
}

export function createTrayDispatcher(deps: TrayActionDeps): (action: TrayAction) => Promise<void> {
  const { handlers, window } = deps;
  const failed = (title: string, e: unknown) => deps.notify({ title, body: toAppError(e).message, host: null, reason: 'failed' });
  const toggle = async (key: 'autoRenewAll' | 'startAtLogin' | 'menuBarOnly') => {
    const current = deps.settings() ?? (await handlers.getSettings(undefined));
    await handlers.setSettings({ [key]: !current[key] });
  };

  return async (action) => {
    try {
      switch (action.id) {
        case 'login': {
          const outcome = await handlers.login({ host: action.host });
          // The user clicked Log in: if it needs them (a password, an MFA code), take them to the form.
          if (needsInput(outcome)) window.focusRegistry(action.host);
          else {
            const spec = loginNotification(outcome, 'tray');
            if (spec) deps.notify(spec);
          }
          return;
        }
        case 'open-registry':
          return window.focusRegistry(action.host);
        case 'toggle-auto-renew': {
          const current = deps.settings() ?? (await handlers.getSettings(undefined));
          await handlers.setAutoRenew({ host: action.host, enabled: !current.autoRenewHosts.includes(action.host) });
          return;
        }
        case 'login-all':
          for (const spec of loginNotifications(await handlers.loginAll({}), 'tray')) deps.notify(spec);
          return;
        case 'health-check':
          deps.notify(healthNotification(await handlers.runChecks(undefined)));
          return;
        case 'restart-vm':
          await handlers.restartVm(undefined);
          return;
        case 'open-window':
          return window.show();
        case 'open-notice': {
          const notice = deps.takeNotice(action.noticeId);
          return notice?.host ? window.focusRegistry(notice.host) : window.show();
        }
        case 'toggle-auto-renew-all':
          return toggle('autoRenewAll');
        case 'toggle-start-at-login':
          return toggle('startAtLogin');
        case 'toggle-menu-bar-only':
          return toggle('menuBarOnly');
        case 'quit':
          return deps.quit();
      }
    } catch (e) {
      failed(action.id === 'restart-vm' ? 'Could not restart the Finch VM' : 'Finch Logins could not do that', e);
    }
  };
}
