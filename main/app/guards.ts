// What the window's web contents may not do: navigate anywhere but our own page, open windows (allow-listed links
// go to the system browser instead), attach webviews, download, or get any permission (camera, notifications,
// HID, USB, serial …). The app needs none of it; denying by default means a compromised page gets nothing.
import type { Session, WebContents } from 'electron';
import { isAllowedExternal, isAppUrl } from './security';

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type Preventable = { preventDefault(): void };

export function guardWebContents(contents: Guarded, openExternal: (url: string) => void): void {
  const stayHome = (event: Preventable, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => stayHome(event, url));
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', (event, url) => stayHome(event, url));
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
