// The window's security settings and the page's CSP, pinned down: the checklist items that are options.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { appIconPath, assetsDir } from '../../main/app/assets';
import { denyPermissions, guardWebContents } from '../../main/app/guards';
import { appEntryUrl, contentSecurityPolicy, isAllowedExternal, isAppUrl } from '../../main/app/security';
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
    const attempt = (event: string, ...args: unknown[]) => {
      let prevented = false;
      const e = { preventDefault: () => (prevented = true), url: args[0] };
      wc.emit(event, e, ...args);
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
