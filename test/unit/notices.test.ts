// Notifications on real desktops (issue 11, point 5): ids that carry the registry, the Windows toast whose launch
// argument routes a click from Action Center after the object is gone, and where a notice goes when the system does
// not show it — decided by pure functions, then checked through the built shell with a recording Electron.
import { describe, expect, it } from 'vitest';
import { activationTarget, addNotice, maxNotices, notificationId, routeUndelivered, toastXml } from '../../main/app/notice-model';
import { trayModel, type TrayInputs } from '../../main/app/tray-model';
import type { NotificationSpec } from '../../main/core/renew/notification-model';

const failed: NotificationSpec = { title: 'Could not renew ghcr.io', body: 'The password <was> "refused" & more', host: 'ghcr.io', reason: 'failed' };
const info: NotificationSpec = { title: 'Health check passed', body: 'All 12 checks are fine.', host: null, reason: 'info' };

describe('notification ids and Windows activations', () => {
  it('puts the host in the id, and reads it back from an activation', () => {
    expect(notificationId(failed)).toBe('finch-logins|failed|ghcr.io');
    expect(activationTarget(notificationId(failed))).toEqual({ host: 'ghcr.io' });
    expect(activationTarget(notificationId(info))).toEqual({ window: true });
    for (const other of ['', 'something else', 'finch-logins', 'finch-logins|failed|a|b', 'other|failed|ghcr.io']) expect(activationTarget(other)).toBeNull();
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
