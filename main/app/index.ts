// The Electron shell: lifecycle only. Every behaviour lives in main/core behind the contract.
import { app, BrowserWindow, session, shell } from 'electron';
import { createHandlers } from '../core/handlers';
import { currentEnv } from '../core/env';
import { registerHandlers } from './ipc';
import { registerSchemeAsPrivileged, serveRenderer } from './protocol';
import { appEntryUrl, isAllowedExternal, isAppUrl } from './security';
import { bundlePaths, windowOptions } from './window';

const env = currentEnv();
const bundles = bundlePaths(__dirname);
let mainWindow: BrowserWindow | null = null;

registerSchemeAsPrivileged();

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  mainWindow = new BrowserWindow(windowOptions(bundles.preload, env.platform));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(appEntryUrl);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);

  // Navigation and new windows are refused; allow-listed links go to the system browser.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    serveRenderer(bundles.rendererDir);
    registerHandlers(createHandlers(env), (event) => {
      const frame = event.senderFrame;
      return !!mainWindow && event.sender === mainWindow.webContents && !!frame && frame === event.sender.mainFrame && isAppUrl(frame.url);
    });
    showWindow();
  });

  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
