// The shell's notification wiring (main/app/notifications.ts) with a recording Electron `Notification`: on Windows a
// click — from the toast, or from Action Center after the object is gone — reaches the app once, through
// handleActivation, and opens the registry; elsewhere the object's own click does; a notification the system does not
// show goes to `undelivered`. The pure parts (ids, toast XML, routing) are in notices.test.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationSpec } from '../../main/core/renew/notification-model';

type Listener = (...args: unknown[]) => void;
const electron = vi.hoisted(() => {
  const made: { options: Record<string, unknown>; events: Map<string, Listener[]>; shown: boolean }[] = [];
  const activation: { handler: ((details: { arguments: string }) => void) | null } = { handler: null };
  class Notification {
    static isSupported = () => true;
    static handleActivation = (fn: (details: { arguments: string }) => void) => void (activation.handler = fn);
    private entry: (typeof made)[number];
    constructor(options: Record<string, unknown>) {
      this.entry = { options, events: new Map(), shown: false };
      made.push(this.entry);
    }
    on(name: string, fn: Listener) {
      this.entry.events.set(name, [...(this.entry.events.get(name) ?? []), fn]);
    }
    show() {
      this.entry.shown = true;
    }
  }
  return { made, activation, Notification };
});
vi.mock('electron', () => ({ Notification: electron.Notification }));

const { handleWindowsActivation, showNotification } = await import('../../main/app/notifications');

const failed: NotificationSpec = { title: 'Could not renew a|b.io', body: 'The password was refused.', host: 'a|b.io', reason: 'failed' };
const emit = (i: number, name: string, ...args: unknown[]) => electron.made[i]!.events.get(name)?.forEach((fn) => fn(...args));

function target() {
  return { opened: [] as string[], shown: 0, focusRegistry(host: string) { this.opened.push(host); }, show() { this.shown++; } };
}

beforeEach(() => {
  electron.made.length = 0;
  electron.activation.handler = null;
});

describe('notifications through the shell', () => {
  it('Windows: the toast carries the id; a click — now or from Action Center later — opens its registry once', () => {
    const t = target();
    handleWindowsActivation(t);
    const undelivered = vi.fn();
    showNotification(failed, t, { platform: 'win32', undelivered });
    const n = electron.made[0]!;
    expect(n.shown).toBe(true);
    expect(n.options.toastXml).toContain('launch="finch-logins|failed|a%7Cb.io"');
    // No click handler on the object: handleActivation gets every click, this one included (else it opened twice).
    expect(n.events.has('click')).toBe(false);
    electron.activation.handler!({ arguments: String(n.options.id) });
    expect(t.opened).toEqual(['a|b.io']);
    // After a restart, the Action Center entry still routes; something not ours does nothing.
    electron.activation.handler!({ arguments: 'finch-logins|info|' });
    electron.activation.handler!({ arguments: 'another-app|x' });
    expect([t.opened, t.shown]).toEqual([['a|b.io'], 1]);
    expect(undelivered).not.toHaveBeenCalled();
  });

  it('macOS and Linux: the object\u2019s click opens the registry; a notification not shown goes to undelivered', () => {
    const t = target();
    const undelivered = vi.fn();
    showNotification(failed, t, { platform: 'darwin', undelivered });
    expect(electron.made[0]!.options.toastXml).toBeUndefined();
    emit(0, 'click');
    expect(t.opened).toEqual(['a|b.io']);
    showNotification({ ...failed, host: null, reason: 'info' }, t, { platform: 'linux', undelivered });
    emit(1, 'failed', {}, 'Notifications are not allowed for this app');
    expect(undelivered).toHaveBeenCalledWith(expect.objectContaining({ reason: 'info' }), 'Notifications are not allowed for this app');
  });
});
