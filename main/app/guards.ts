// What the window's web contents may not do: navigate anywhere but our own page, open windows (allow-listed links
// go to the system browser instead), attach webviews, download, or get any permission (camera, notifications,
// HID, USB, serial …). The app needs none of it; denying by default means a compromised page gets nothing.
import type { Session, WebContents } from 'electron';
import { isAllowedExternal, isAppUrl } from './security';

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type Preventable = { preventDefault(): void };

/** `devServer`: the page's dev server in development (security.ts pageSource), else undefined. */
export function guardWebContents(contents: Guarded, openExternal: (url: string) => void, devServer?: string): void {
  const stayHome = (event: Preventable & { url: string }) => {
    if (!isAppUrl(event.url, devServer)) event.preventDefault();
  };
  // Electron 45's form: the URL is on the event (the positional url argument is deprecated).
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

export function denyPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
