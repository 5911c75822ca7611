// Notifications on real desktops (issue 11, point 5): ids that carry the registry, the Windows toast whose launch
// argument routes a click from Action Center after the object is gone, and where a notice goes when the system does
// not show it — decided by pure functions, then checked through the built shell with a recording Electron.
import { describe, expect, it } from 'vitest';
import { activationTarget, addNotice, maxNotices, notificationId, routeUndelivered, shownNotice, toastXml } from '../../main/app/notice-model';
import { trayModel, type TrayInputs } from '../../main/app/tray-model';
import { loginNotification, loginNotifications, type NotificationSpec } from '../../main/core/renew/notification-model';
import { rawLine } from '../support/hostile';

const failed: NotificationSpec = { title: 'Could not renew ghcr.io', body: 'The password <was> "refused" & more', host: 'ghcr.io', reason: 'failed' };
const info: NotificationSpec = { title: 'Health check passed', body: 'All 12 checks are fine.', host: null, reason: 'info' };

describe('notification ids and Windows activations', () => {
  it('puts the host in the id, and reads it back from an activation', () => {
    expect(notificationId(failed)).toBe('finch-logins|failed|ghcr.io');
    expect(activationTarget(notificationId(failed))).toEqual({ host: 'ghcr.io' });
    expect(activationTarget(notificationId(info))).toEqual({ window: true });
    for (const other of ['', 'something else', 'finch-logins', 'finch-logins|failed|a|b', 'other|failed|ghcr.io']) expect(activationTarget(other)).toBeNull();
    // A registry key is any string: a `|` or a control character in it still routes the click to it.
    for (const host of ['a|b.io', 'evil.io\nghcr.io', '\u001b]0;x\u0007t.io', 'localhost:5000']) {
      expect(activationTarget(notificationId({ reason: 'failed', host }))).toEqual({ host });
      expect(toastXml({ ...failed, host })).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
    expect(activationTarget('finch-logins|failed|%E0%A4%A')).toBeNull();
  });

  it('builds a toast whose launch argument is the id, with the text escaped, silent for information', () => {
    const xml = toastXml(failed);
    expect(xml).toMatch(/^<toast launch="finch-logins\|failed\|ghcr\.io" activationType="foreground">/);
    expect(xml).toContain('<text>The password &lt;was&gt; &quot;refused&quot; &amp; more</text>');
    expect(xml).not.toContain('<audio');
    expect(toastXml(info)).toContain('<audio silent="true"/>');
    // The launch attribute survives XML parsing as the id (what Windows hands back as the activation's arguments).
    const launch = /launch="([^"]*)"/.exec(toastXml({ ...failed, host: 'a&b' }))![1]!.replace(/&amp;/g, '&');
    expect(activationTarget(launch)).toEqual({ host: 'a&b' });
  });
});

describe('notices the system did not show', () => {
  it('open the window when the user just asked from the tray; wait in the tray menu when the app acted alone', () => {
    expect(routeUndelivered('tray', failed, [])).toEqual({ open: { host: 'ghcr.io' }, notices: [] });
    expect(routeUndelivered('tray', info, [])).toEqual({ open: { window: true }, notices: [] });
    const renew = routeUndelivered('background', failed, []);
    expect(renew).toEqual({ open: null, notices: [{ id: 'finch-logins|failed|ghcr.io', title: 'Could not renew ghcr.io', host: 'ghcr.io' }] });
  });

  it('are kept newest first, one per registry and reason, a few at most', () => {
    let notices = addNotice([], failed);
    notices = addNotice(notices, info);
    notices = addNotice(notices, { ...failed, title: 'Could not renew ghcr.io again' });
    expect(notices.map((n) => n.title)).toEqual(['Could not renew ghcr.io again', 'Health check passed']);
    for (let i = 0; i < 5; i++) notices = addNotice(notices, { ...failed, host: `r${i}.example.com` });
    expect(notices).toHaveLength(maxNotices);
    expect(notices[0]!.host).toBe('r4.example.com');
  });

  it('show as lines under the summary, each opening its notice', () => {
    const inputs: TrayInputs = { platform: 'linux', busy: false, now: new Date(), startAtLogin: false, startAtLoginSupported: true, menuBarOnly: false, autoRenewAll: true, autoRenewHosts: [], restartPending: false, notices: addNotice([], failed) };
    const items = trayModel(null, inputs).items;
    expect(items[1]).toEqual({ type: 'normal', label: '\u26a0 Could not renew ghcr.io\u2026', enabled: true, action: { id: 'open-notice', noticeId: 'finch-logins|failed|ghcr.io' } });
    expect(trayModel(null, { ...inputs, notices: [] }).items.some((i) => i.type === 'normal' && i.label.startsWith('\u26a0'))).toBe(false);
  });
});

describe('notification text from hostile files', () => {
  const hostile = ['evil.io\nghcr.io', '\u001b]0;pwned\u0007title.io', 'rtl\u202eoi.lave'];
  const fail = (host: string, message = 'denied') => ({ host, result: 'failed' as const, error: { kind: 'login-failed' as const, message } });

  it('shows hosts, profile names and messages escaped as the CLI prints them; the host that routes a click is kept', () => {
    const one = shownNotice(loginNotification(fail('rtl\u202eoi.lave', 'finch said:\n\u001b[31mno'), 'renew')!);
    expect(one).toEqual({ title: 'Could not renew rtl\\u202eoi.lave', body: 'finch said:\\n\\u001b[31mno', host: 'rtl\u202eoi.lave', reason: 'failed' });
    const mfa = shownNotice(loginNotification({ host: 'evil.io\nghcr.io', result: 'failed', error: { kind: 'needs-mfa', message: 'm', detail: { profile: 'dev\u202e' } } }, 'tray')!);
    expect(mfa.title).toBe('evil.io\\nghcr.io: MFA code needed');
    expect(mfa.body).toContain('for profile "dev\\u202e"');
    const summary = shownNotice(loginNotifications(hostile.map((h) => fail(h)), 'renew')[0]!);
    expect(summary.body).toBe('evil.io\\nghcr.io, \\u001b]0;pwned\\u0007title.io, rtl\\u202eoi.lave. Click to open Finch Logins.');
    for (const spec of [one, mfa, summary]) {
      expect(spec.title + spec.body).not.toMatch(rawLine);
      expect(toastXml(spec).replace(/launch="[^"]*"/, '')).not.toMatch(rawLine);
    }
  });

  it('keeps an undelivered notice escaped in the tray menu', () => {
    const spec = shownNotice(loginNotification(fail('\u001b]0;pwned\u0007title.io'), 'renew')!);
    const notices = routeUndelivered('background', spec, []).notices;
    expect(notices[0]!.title).toBe('Could not renew \\u001b]0;pwned\\u0007title.io');
    expect(notices[0]!.host).toBe('\u001b]0;pwned\u0007title.io');
  });
});
