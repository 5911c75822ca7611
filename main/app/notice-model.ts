// What becomes of a notification, as pure functions: its id (with the registry's host, so Windows can route a click
// from Action Center after the object is gone, and a newer notice for the same registry replaces the older), the
// Windows toast that carries that id as its launch argument, reading the id back from an activation, and where a
// notice goes when the system does not show it (unsupported, permission denied, unsigned macOS build: Electron's
// `failed`): the window for something the user just asked for from the tray, a line in the tray menu otherwise.
import { oneLine } from '../../shared/printable';
import type { NotificationSpec } from '../core/renew/notification-model';

const idPrefix = 'finch-logins';

/**
 * A notification's text as shown: a host, a profile name or an error message in it comes from files we do not
 * control, and a notification shows a line break or a bidi override (U+202E) as it is. Escaped as the CLI prints
 * it (shared/printable.ts); the host, which only routes a click, is kept as it is.
 */
export function shownNotice(spec: NotificationSpec): NotificationSpec {
  return { ...spec, title: oneLine(spec.title), body: oneLine(spec.body) };
}

/**
 * "finch-logins|failed|ghcr.io", or "finch-logins|info|" when about no registry. The host is percent-encoded: a
 * registry key is any string, and a `|` in it would break the routing, a control character the toast's XML.
 */
export function notificationId(spec: Pick<NotificationSpec, 'reason' | 'host'>): string {
  return [idPrefix, spec.reason, encodeURIComponent(spec.host ?? '')].join('|');
}

/** Where a click on a notification leads: its registry, the window, or nowhere (not ours). */
export type ActivationTarget = { host: string } | { window: true } | null;

/** Reads an activation's arguments (the toast's launch attribute, which notificationId filled). */
export function activationTarget(args: string): ActivationTarget {
  const [prefix, , encoded, ...rest] = args.split('|');
  if (prefix !== idPrefix || encoded === undefined || rest.length > 0) return null;
  let host: string;
  try {
    host = decodeURIComponent(encoded);
  } catch {
    return null; // malformed: not an id we made
  }
  return host ? { host } : { window: true };
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The Windows toast: Electron's own template has no launch argument of ours, and a click from Action Center after
 * the Notification object is gone reaches the app only through Notification.handleActivation with that argument.
 */
export function toastXml(spec: NotificationSpec): string {
  const audio = spec.reason === 'info' ? '<audio silent="true"/>' : '';
  return (
    `<toast launch="${xmlText(notificationId(spec))}" activationType="foreground">` +
    `<visual><binding template="ToastGeneric"><text>${xmlText(spec.title)}</text><text>${xmlText(spec.body)}</text></binding></visual>` +
    `${audio}</toast>`
  );
}

/** Who asked: the user from the tray (they are there, waiting), or the app by itself (auto-renew). */
export type NoticeOrigin = 'tray' | 'background';

/**
 * Where an undelivered notice goes instead: the window (at its registry) when the user just asked from the tray, else
 * a line in the tray menu. Returns what to open, if anything, and the tray's notices after.
 */
export function routeUndelivered(origin: NoticeOrigin, spec: NotificationSpec, notices: readonly Notice[]): { open: ActivationTarget; notices: readonly Notice[] } {
  if (origin === 'tray') return { open: spec.host ? { host: spec.host } : { window: true }, notices };
  return { open: null, notices: addNotice(notices, spec) };
}

export interface Notice {
  id: string;
  title: string;
  host: string | null;
}

/** Lines kept in the tray menu at most; older notices make way. */
export const maxNotices = 3;

/**
 * The notices the tray shows, newest first: one per id (a newer one for the same registry and reason replaces it;
 * ended IAM Identity Center sessions, about no one registry, are one line each).
 */
export function addNotice(notices: readonly Notice[], spec: NotificationSpec): Notice[] {
  const id = spec.session ? `${notificationId(spec)}|${spec.session}` : notificationId(spec);
  return [{ id, title: spec.title, host: spec.host }, ...notices.filter((n) => n.id !== id)].slice(0, maxNotices);
}
