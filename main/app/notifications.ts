// Shows a notification from the notification model; a click opens the window at its registry (or the list).
import { Notification } from 'electron';
import type { NotificationSpec } from '../core/renew/notification-model';

export interface NotificationTarget {
  show(): void;
  focusRegistry(host: string): void;
}

// Held until closed or clicked: an unreferenced Notification can be collected and its click lost.
const live = new Set<Notification>();

export function showNotification(spec: NotificationSpec, target: NotificationTarget): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: spec.title, body: spec.body, silent: spec.reason === 'info' });
  live.add(n);
  n.on('click', () => {
    live.delete(n);
    if (spec.host) target.focusRegistry(spec.host);
    else target.show();
  });
  n.on('close', () => live.delete(n));
  n.show();
}
