// The built bundles, evaluated with a recording stand-in for `electron` (Electron itself cannot run here).
// Requires `npm run build` first (npm test runs it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelId, channelNames, eventNames } from '../../shared/contract';
import { electronStandIn, loadWithElectron, type Recording } from '../support/electron-stand-in';
import { makeSandbox, type Sandbox } from '../support/sandbox-home';

const out = path.resolve(__dirname, '../../out');

/** Loads out/main with the stand-in, as if Electron started it in the environment `vars`. */
async function loadMain(vars: Record<string, string>): Promise<Recording> {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    const standIn = electronStandIn();
    loadWithElectron(path.join(out, 'main/index.js'), standIn.electron);
    await standIn.rec.ready;
    return standIn.rec;
  } finally {
    for (const k of Object.keys(vars)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe('out/preload', () => {
  const code = readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');

  it('is one CommonJS file that requires nothing but electron (a sandboxed preload cannot)', () => {
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly the contract\u2019s methods, each reaching its own channel', async () => {
    const { electron, rec } = electronStandIn();
    vm.runInNewContext(code, { require: (m: string) => (m === 'electron' ? electron : undefined), module: { exports: {} }, exports: {} });
    expect([...rec.exposed.keys()]).toEqual(['finchLogins']);
    const api = rec.exposed.get('finchLogins');
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
    for (const name of channelNames) await api[name]({ probe: name });
    expect(rec.invoked.map((i) => i.channel)).toEqual(channelNames.map(channelId));
    expect(rec.invoked.map((i) => (i.payload as { probe: string }).probe)).toEqual([...channelNames]);
  });

  it('strips the IPC event from listeners and unsubscribes', () => {
    const { electron, rec } = electronStandIn();
    vm.runInNewContext(code, { require: () => electron, module: { exports: {} }, exports: {} });
    const api = rec.exposed.get('finchLogins');
    for (const event of eventNames) {
      const seen: unknown[][] = [];
      const off = api.on(event, (...args: unknown[]) => seen.push(args));
      const [listener] = rec.listeners.get(channelId(event)) as ((...a: unknown[]) => void)[];
      listener!({ sender: 'internals' }, { payload: 1 });
      expect(seen).toEqual([[{ payload: 1 }]]);
      off();
      expect(rec.listeners.get(channelId(event))).toEqual([]);
    }
    expect(() => api.on('notAnEvent', () => undefined)).toThrow(/Unknown event/);
  });
});

describe('out/main', () => {
  let rec: Recording;
  let sb: Sandbox;
  beforeAll(async () => {
    sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/config.json': { auths: { 'ghcr.io': {} } } } });
    rec = await loadMain(sb.vars);
  });

  it('takes the single-instance lock and registers a handler for every contract channel, and no other', () => {
    expect(rec.singleInstanceLockRequested).toBe(true);
    expect([...rec.handlers.keys()].sort()).toEqual(channelNames.map(channelId).sort());
  });

  it('opens one window with the secure webPreferences, our preload and our page', () => {
    expect(rec.windows).toHaveLength(1);
    const { options, loaded } = rec.windows[0]!;
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(existsSync(options.webPreferences.preload)).toBe(true);
    expect(options.webPreferences.preload).toBe(path.join(out, 'preload/index.cjs'));
    expect(loaded).toEqual(['app://finch-logins/index.html']);
    expect(existsSync(path.join(out, 'renderer/index.html'))).toBe(true);
    expect(rec.protocolHandlers.has('app')).toBe(true);
    expect(rec.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
  });

  it('denies permissions, blocks navigation and new windows', () => {
    let granted: boolean | undefined;
    rec.permissionRequestHandler!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(rec.permissionCheckHandler!()).toBe(false);
    const wc = rec.windows[0]!.webContents;
    let prevented = false;
    wc.emit('will-navigate', { preventDefault: () => (prevented = true), url: 'https://evil.example/' });
    expect(prevented).toBe(true);
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('answers only our window, validates payloads, and serves the real status', async () => {
    const wc = rec.windows[0]!.webContents;
    const handler = rec.handlers.get(channelId('getStatus'))!;
    const trusted = { sender: wc, senderFrame: wc.mainFrame };
    const stranger = { sender: {}, senderFrame: { url: 'https://evil.example/' } };
    expect(await handler(stranger, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handler(trusted, { unexpected: true })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const answer = (await handler(trusted, undefined)) as { ok: boolean; value: { registries: { host: string }[] } };
    expect(answer.ok).toBe(true);
    expect(answer.value.registries.map((r) => r.host)).toEqual(['ghcr.io']);
  });

  it('logs to its state folder, and Copy diagnostics puts versions, checks and that log on the clipboard', async () => {
    const wc = rec.windows[0]!.webContents;
    const trusted = { sender: wc, senderFrame: wc.mainFrame };
    expect(readFileSync(sb.file('state/finch-logins.log'), 'utf8')).toMatch(/ INFO Finch Logins \S+ started/);
    const answer = (await rec.handlers.get(channelId('copyDiagnostics'))!(trusted, undefined)) as { ok: boolean; value: { text: string; copied: boolean } };
    expect(answer).toMatchObject({ ok: true, value: { copied: true } });
    expect(rec.clipboard).toEqual([answer.value.text]);
    expect(answer.value.text).toMatch(/^Finch Logins \d+\.\d+\.\d+\S* diagnostics/);
    expect(answer.value.text).toMatch(/Health checks:\n {2}\S+ +finch-installed/);
    expect(answer.value.text).toMatch(/Recent log \(\d+ lines\):\n.* INFO Finch Logins \S+ started/);
  });
});

describe('out/main: the menu-bar shell', () => {
  let rec: Recording;
  let sb: Sandbox;
  const menuOf = () => rec.trays[0]!.menus.at(-1)!.template;
  const labels = (items: { label?: string; type?: string }[]) => items.map((i) => i.label ?? i.type);
  const item = (label: string | RegExp) => menuOf().find((i: { label?: string }) => (typeof label === 'string' ? i.label === label : label.test(i.label ?? '')));

  beforeAll(async () => {
    sb = makeSandbox({ platform: 'linux', files: { 'home/.docker/config.json': { auths: { 'ghcr.io': { auth: Buffer.from('dana:pw').toString('base64') } } } } });
    // Linux Finch logins live in root's docker config; point it at the sandbox instead.
    sb.vars.DOCKER_CONFIG = sb.file('home/.docker');
    rec = await loadMain(sb.vars);
    await vi.waitFor(() => expect(item(/^ghcr\.io/)).toBeDefined(), { timeout: 5_000 });
  });
  afterAll(() => {
    for (const fn of rec.appEvents.get('before-quit') ?? []) fn();
  });

  it('puts one tray icon up, from the shipped assets, with the menu built from the status', () => {
    expect(rec.trays).toHaveLength(1);
    const tray = rec.trays[0]!;
    expect(existsSync(tray.image.path)).toBe(true);
    expect(tray.image.path).toMatch(new RegExp(`assets[/\\\\]tray[/\\\\](ok|expiring|broken|busy)[/\\\\]${process.platform === 'darwin' ? 'trayTemplate' : 'tray'}\\.png$`));
    expect(tray.tooltip).toMatch(/^Finch Logins \u2014 /);
    // Rebuilt on change: first "Reading …", then the status.
    expect(tray.menus.length).toBeGreaterThanOrEqual(2);
    expect(labels(tray.menus[0]!.template)[0]).toBe('Reading the login status\u2026');
    expect(labels(menuOf())[0]).toBe('1 logged in');
    expect(item(/^ghcr\.io/).submenu.map((i: { label: string }) => i.label)).toEqual(['Re-login', 'Show in Window']);
    for (const label of ['Log In to All', 'Run Health Check', 'Open Finch Logins', 'Start at Login', 'Quit Finch Logins']) expect(item(label)).toBeDefined();
  });

  it('sets a development menu with Reload and DevTools only when not packaged (Linux: no menu bar otherwise)', () => {
    expect(rec.appMenus).toHaveLength(1);
    expect(rec.appMenus[0]!.template.map((m: { label?: string }) => m.label)).toEqual(['Develop']);
  });

  it('ignores a Dock click that comes before ready (no window can exist yet), and shows the window after', () => {
    const shown = () => rec.appCalls.filter((c) => c === 'window.show').length;
    const before = shown();
    rec.isReady = false;
    for (const fn of rec.appEvents.get('activate') ?? []) fn();
    expect(shown()).toBe(before);
    rec.isReady = true;
    for (const fn of rec.appEvents.get('activate') ?? []) fn();
    expect(shown()).toBe(before + 1);
  });

  it('keeps running when the window is closed, and quits from the tray', () => {
    for (const fn of rec.appEvents.get('window-all-closed') ?? []) fn();
    expect(rec.appCalls).not.toContain('quit');
    expect(rec.appEvents.get('second-instance')).toHaveLength(1);
    item('Quit Finch Logins').click();
    expect(rec.appCalls).toContain('quit');
  });

  it('serves the renderer only from app://finch-logins with the CSP header', async () => {
    const serve = rec.protocolHandlers.get('app') as (r: Request) => Promise<Response>;
    const page = await serve(new Request('app://finch-logins/index.html'));
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('denies device permissions and downloads on the default session', () => {
    expect(rec.devicePermissionHandler!({ deviceType: 'hid' })).toBe(false);
    let prevented = false;
    for (const fn of rec.sessionEvents.get('will-download') ?? []) fn({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('opens the window at a registry once its page can listen, from Show in Window or a login that needs input', async () => {
    const wc = rec.windows[0]!.webContents;
    const focused = () => wc.sent.filter((m) => m.channel === channelId('focusRegistry')).map((m) => m.payload);
    const sub = () => item(/^ghcr\.io/).submenu as { label: string; click: () => void }[];
    sub().find((i) => i.label === 'Show in Window')!.click();
    expect(focused()).toEqual([]); // the page has not loaded yet: queued
    wc.emit('did-finish-load');
    expect(focused()).toEqual([{ host: 'ghcr.io' }]);
    // Re-login of a password registry with no remembered password needs the user: the window, not a notification.
    sub().find((i) => i.label === 'Re-login')!.click();
    await vi.waitFor(() => expect(focused()).toEqual([{ host: 'ghcr.io' }, { host: 'ghcr.io' }]), { timeout: 5_000 });
    expect(rec.notifications).toEqual([]);
  });

  it('a notification the system does not show, for a tray action: the window opens instead', async () => {
    item('Run Health Check').click();
    await vi.waitFor(() => expect(rec.notifications.length).toBeGreaterThan(0), { timeout: 10_000 });
    const n = rec.notifications.at(-1)!;
    expect(n.options.id).toMatch(/^finch-logins\|(failed|info)\|$/);
    expect(n.options.toastXml).toBeUndefined(); // Windows only
    const shown = rec.appCalls.filter((c) => c === 'window.show').length;
    for (const fn of n.events.get('failed') ?? []) fn({}, 'Notifications are not allowed for this app');
    expect(rec.appCalls.filter((c) => c === 'window.show').length).toBe(shown + 1);
    expect(labels(menuOf()).some((l) => l?.startsWith('\u26a0'))).toBe(false);
  });

  it('pushes a new status to the window and the tray when config.json changes on disk', async () => {
    const wc = rec.windows[0]!.webContents;
    wc.emit('did-finish-load');
    sb.write('home/.docker/config.json', { auths: { 'ghcr.io': { auth: Buffer.from('dana:pw').toString('base64') }, 'quay.io': { auth: Buffer.from('d:p').toString('base64') } } });
    await vi.waitFor(() => expect(item(/^quay\.io/)).toBeDefined(), { timeout: 2_000 });
    const pushed = wc.sent.filter((m) => m.channel === channelId('statusChanged')).at(-1)!.payload as { registries: { host: string }[] };
    expect(pushed.registries.map((r) => r.host)).toEqual(['ghcr.io', 'quay.io']);
  });

  it('shows a config.json key with a line break or a bidi override escaped in the built tray menu', async () => {
    sb.write('home/.docker/config.json', { auths: { 'ghcr.io': { auth: Buffer.from('dana:pw').toString('base64') }, 'rtl\u202eoi.lave\nx.io': {} } });
    await vi.waitFor(() => expect(item(/^rtl/)).toBeDefined(), { timeout: 2_000 });
    expect(item(/^rtl/).label).toMatch(/^rtl\\u202eoi\.lave\\nx\.io \u2014 /);
  });

  it('turns start at login on with an XDG autostart entry on Linux, from the tray', async () => {
    if (process.platform !== 'linux') return;
    item('Start at Login').click();
    const file = path.join(sb.home, '.config', 'autostart', 'finch-logins.desktop');
    await vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 2_000 });
    expect(readFileSync(file, 'utf8')).toMatch(/^Exec=.* --hidden$/m);
    await vi.waitFor(() => expect(item('Start at Login').checked).toBe(true), { timeout: 2_000 });
  });
});
