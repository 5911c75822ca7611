// The window's security settings and the page's CSP, pinned down: the checklist items that are options.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { appIconPath, assetsDir } from '../../main/app/assets';
import { denyPermissions, guardWebContents } from '../../main/app/guards';
import { appEntryUrl, contentSecurityPolicy, devServerPolicy, isAllowedExternal, isAppUrl, pageSource, rendererFile } from '../../main/app/security';
import { bundlePaths, createMainWindow } from '../../main/app/window';
import { FakeWebContents } from '../support/electron-stand-in';

class Recorder {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('main window options', () => {
  it('isolates and sandboxes the page, with no Node and web security on', () => {
    const { options } = createMainWindow(Recorder, { preload: '/app/out/preload/index.cjs', platform: 'linux', icon: '/app/assets/icon.png' });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options).toMatchObject({ show: false, title: 'Finch Logins', autoHideMenuBar: true, icon: '/app/assets/icon.png' });
  });

  it('uses the inset title bar on macOS, where the bundle provides the icon', () => {
    const { options } = createMainWindow(Recorder, { preload: '/p', platform: 'darwin', icon: '/i.png' });
    expect(options.titleBarStyle).toBe('hiddenInset');
    expect(options.icon).toBeUndefined();
  });

  it('finds the preload, the renderer and the icons beside the main bundle, packaged or not', () => {
    expect(bundlePaths('/app/out/main')).toEqual({ preload: '/app/out/preload/index.cjs', rendererDir: '/app/out/renderer' });
    expect(assetsDir({ isPackaged: false, resourcesPath: '/r', mainDir: '/repo/out/main' })).toBe('/repo/assets');
    expect(assetsDir({ isPackaged: true, resourcesPath: '/Applications/Finch Logins.app/Contents/Resources', mainDir: '/x' })).toBe('/Applications/Finch Logins.app/Contents/Resources/assets');
    expect(appIconPath('/repo/assets')).toBe('/repo/assets/icon.png');
  });
});

describe('content security policy', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v.join(' ')]));

  it('allows only our own scripts and styles, no inline code, no network, no framing', () => {
    const d = directives(contentSecurityPolicy);
    expect(d.get('default-src')).toBe("'none'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'none'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('form-action')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-|\*|http:|https:/);
  });

  it('is repeated in the page\u2019s meta tag, less frame-ancestors (which a meta tag cannot set)', () => {
    const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(contentSecurityPolicy);
    header.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(header);
  });
});

describe('navigation, new windows and permissions', () => {
  it('knows our own page from anything else', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://finch-logins/assets/index.js')).toBe(true);
    for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'https://finch-logins/', 'javascript:alert(1)', 'not a url']) expect(isAppUrl(url)).toBe(false);
  });

  it('opens only allow-listed https links, and only in the system browser', () => {
    expect(isAllowedExternal('https://runfinch.com/docs/')).toBe(true);
    expect(isAllowedExternal('https://github.com/runfinch/finch/issues/868')).toBe(true);
    for (const url of ['http://runfinch.com/', 'https://runfinch.com.evil.example/', 'https://github.com/evil/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(isAllowedExternal(url)).toBe(false);
    }
    const wc = new FakeWebContents();
    const opened: string[] = [];
    guardWebContents(wc as never, (url) => opened.push(url));
    expect(wc.windowOpenHandler!({ url: 'https://runfinch.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://runfinch.com/']);
  });

  it('refuses navigation, redirects and frame navigation away from our page, and webviews', () => {
    const wc = new FakeWebContents();
    guardWebContents(wc as never, () => undefined);
    // Electron 45's form: the URL on the event only (the positional argument is deprecated, so none is passed).
    const attempt = (event: string, url?: string) => {
      let prevented = false;
      wc.emit(event, { preventDefault: () => (prevented = true), url });
      return prevented;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'app://finch-logins/index.html')).toBe(false);
    expect(attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(attempt('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
  });

  it('denies every permission request and check, device access and downloads', () => {
    type Fn = (...a: unknown[]) => unknown;
    const s = { events: new Map<string, Fn>(), request: (() => undefined) as Fn, check: (() => true) as Fn, device: (() => true) as Fn };
    denyPermissions({
      setPermissionRequestHandler: (h: Fn) => (s.request = h),
      setPermissionCheckHandler: (h: Fn) => (s.check = h),
      setDevicePermissionHandler: (h: Fn) => (s.device = h),
      on: (e: string, h: Fn) => s.events.set(e, h),
    } as never);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      let granted: boolean | undefined;
      s.request({}, permission, (ok: boolean) => (granted = ok));
      expect(granted).toBe(false);
      expect(s.check({}, permission)).toBe(false);
    }
    expect(s.device({ deviceType: 'usb' })).toBe(false);
    let prevented = false;
    s.events.get('will-download')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('the page\u2019s source: app://, or the dev server in development only', () => {
  it('loads app:// when packaged, or when no dev server is given, or when it is not on this machine', () => {
    expect(pageSource(true, 'http://localhost:5173/')).toEqual({ entry: appEntryUrl });
    expect(pageSource(false, undefined)).toEqual({ entry: appEntryUrl });
    for (const url of ['https://localhost:5173/', 'http://evil.example:5173/', 'file:///tmp/index.html']) expect(pageSource(false, url)).toEqual({ entry: appEntryUrl });
  });

  it('npm run dev: loads ELECTRON_RENDERER_URL, and trusts that origin (and app://) only', () => {
    const page = pageSource(false, 'http://localhost:5173/');
    expect(page).toEqual({ entry: 'http://localhost:5173/', devServer: 'http://localhost:5173/' });
    expect(isAppUrl('http://localhost:5173/src/main.tsx', page.devServer)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', page.devServer)).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    const wc = new FakeWebContents();
    guardWebContents(wc as never, () => undefined, page.devServer);
    let prevented = false;
    wc.emit('will-navigate', { preventDefault: () => (prevented = true), url: 'http://localhost:5173/index.html' });
    expect(prevented).toBe(false);
    wc.emit('will-navigate', { preventDefault: () => (prevented = true), url: 'https://evil.example/' });
    expect(prevented).toBe(true);
  });

  it('the dev server\u2019s page allows inline scripts, styles and its websocket; the build keeps the strict policy', async () => {
    const dev = devServerPolicy(contentSecurityPolicy);
    expect(dev).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect(dev).toMatch(/connect-src 'self' ws:\/\/localhost:\*/);
    const { default: config } = await import('../../electron.vite.config');
    const plugin = (config as { renderer: { plugins: { name: string; apply?: string; transformIndexHtml: (h: string) => string }[] } }).renderer.plugins.flat().find((p) => p?.name === 'finch-logins-dev-server-csp')!;
    expect(plugin.apply).toBe('serve');
    const html = readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    expect(plugin.transformIndexHtml(html)).toContain("script-src 'self' 'unsafe-inline'");
  });
});

describe('app:// paths', () => {
  const dir = '/app/out/renderer';
  const file = (url: string) => rendererFile(dir, url, path.join, path.sep);
  it('maps our host\u2019s paths into the renderer folder, decoded', () => {
    expect(file('app://finch-logins/index.html')).toBe('/app/out/renderer/index.html');
    expect(file('app://finch-logins/assets/a%20b.js')).toBe('/app/out/renderer/assets/a b.js');
  });
  it('refuses other hosts, escapes from the folder, NUL and malformed % escapes (no exception)', () => {
    // The URL parser already folds %2e%2e segments: they stay inside the folder.
    expect(file('app://finch-logins/%2e%2e/%2e%2e/etc/passwd')).toBe('/app/out/renderer/etc/passwd');
    for (const url of ['app://other/index.html', 'app://finch-logins/..%2f..%2fetc/passwd', 'app://finch-logins/%E0%A4%A', 'app://finch-logins/%', 'app://finch-logins/a%00.js', 'not a url']) {
      expect(file(url), url).toBeNull();
    }
  });
});
