// Shows a notification from the notification model; a click opens the window at its registry (or the list). Each
// carries an id with its registry's host (notice-model.ts). On Windows the click is taken from
// Notification.handleActivation, which also answers clicks from Action Center after the object is gone (or the app
// restarted); elsewhere from the object's own click event. A notification the system does not show goes to
// `undelivered` (unsupported here, or Electron's `failed`: not allowed, an unsigned macOS build, no AppUserModelID).
import { Notification } from 'electron';
import type { Platform } from '../../shared/types';
import type { NotificationSpec } from '../core/renew/notification-model';
import { activationTarget, notificationId, shownNotice, toastXml, type ActivationTarget } from './notice-model';

export interface NotificationTarget {
  show(): void;
  focusRegistry(host: string): void;
}

export interface Delivery {
  platform: Platform;
  /** The notification was not shown; `why` is Electron's error, or "unsupported". */
  undelivered(spec: NotificationSpec, why: string): void;
}

// Held until closed or clicked: an unreferenced Notification can be collected and its click lost (Windows has
// handleActivation for that; macOS and Linux do not).
const live = new Set<Notification>();

/** Opens the window at a notice's registry, or the window itself. */
export function openTarget(target: NotificationTarget, to: NonNullable<ActivationTarget>): void {
  if ('host' in to) target.focusRegistry(to.host);
  else target.show();
}

export function showNotification(made: NotificationSpec, target: NotificationTarget, delivery: Delivery): void {
  // Every notification passes here, whoever made it: its text is escaped once, for the system and for the tray alike.
  const spec = shownNotice(made);
  if (!Notification.isSupported()) {
    delivery.undelivered(spec, 'unsupported');
    return;
  }
  const windows = delivery.platform === 'win32';
  const n = new Notification({
    title: spec.title,
    body: spec.body,
    silent: spec.reason === 'info',
    id: notificationId(spec),
    ...(windows ? { toastXml: toastXml(spec) } : {}),
  });
  live.add(n);
  // On Windows handleActivation gets every click, this one included: answering here too would open twice.
  if (!windows) {
    n.on('click', () => {
      live.delete(n);
      openTarget(target, spec.host ? { host: spec.host } : { window: true });
    });
  }
  n.on('close', () => live.delete(n));
  n.on('failed', (_event, error) => {
    live.delete(n);
    delivery.undelivered(spec, error);
  });
  n.show();
}

/** Windows: every toast click, from the toast itself or from Action Center later, even after a restart. */
export function handleWindowsActivation(target: NotificationTarget): void {
  Notification.handleActivation((details) => {
    const to = activationTarget(details.arguments);
    if (to) openTarget(target, to);
  });
}
