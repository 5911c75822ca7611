// The main window's options. The constructor is passed in, so unit tests build the window with a recording class
// and assert the secure webPreferences; the options are one object literal inside `new BrowserWindow({...})` so
// static analysis (Electronegativity, which does not follow function calls in TypeScript) sees them too.
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Platform } from '../../shared/types';

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export interface WindowInputs {
  preload: string;
  platform: Platform;
  /** Task-bar icon on Windows and Linux (macOS uses the bundle's). */
  icon?: string;
}

export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, { preload, platform, icon }: WindowInputs): W {
  return new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Finch Logins',
    ...(platform === 'darwin' ? { titleBarStyle: 'hiddenInset' as const } : { autoHideMenuBar: true }),
    ...(icon && platform !== 'darwin' ? { icon } : {}),
    webPreferences: {
      preload,
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
      // Middle-click would ask for a new window; the open handler denies it anyway, this removes the path.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Where the built bundles sit relative to out/main/index.js. */
export function bundlePaths(mainDir: string): { preload: string; rendererDir: string } {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: path.join(mainDir, '..', 'renderer'),
  };
}
