// The main window's options: a pure function, so the secure webPreferences are asserted by unit tests.
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Platform } from '../../shared/types';

export function windowOptions(preloadPath: string, platform: Platform): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Finch Logins',
    ...(platform === 'darwin' ? { titleBarStyle: 'hiddenInset' as const } : { autoHideMenuBar: true }),
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}

/** Where the built bundles sit relative to out/main/index.js. */
export function bundlePaths(mainDir: string): { preload: string; rendererDir: string } {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: path.join(mainDir, '..', 'renderer'),
  };
}
