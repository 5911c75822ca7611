// Where the icons are at run time. They are not bundled (the bundler would hash their names, and macOS finds the
// @2x and Template variants by name): electron-builder copies assets/ next to app.asar (extraResources), and in
// development they are read from the repository.
import path from 'node:path';
import type { Platform } from '../../shared/types';
import type { TrayIcon } from './tray-model';

export interface AssetsContext {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The folder of the running bundle (out/main). */
  mainDir: string;
}

export function assetsDir(ctx: AssetsContext): string {
  return ctx.isPackaged ? path.join(ctx.resourcesPath, 'assets') : path.join(ctx.mainDir, '..', '..', 'assets');
}

/**
 * The tray image for a state. macOS: the black template image (the menu bar tints it for light and dark mode; the
 * @2x file beside it is picked up automatically). Windows: an .ico holding 16–64 px, from which Windows takes the
 * size its scale needs (a PNG would be scaled, blurred). Linux: the colour PNG (@2x picked up on HiDPI).
 */
export function trayImagePath(dir: string, icon: TrayIcon, platform: Platform): string {
  const file = { darwin: 'trayTemplate.png', win32: 'tray.ico', linux: 'tray.png' }[platform];
  return path.join(dir, 'tray', icon, file);
}

/** The window icon (Linux and Windows show it in the task bar; macOS uses the bundle's icon). */
export function appIconPath(dir: string): string {
  return path.join(dir, 'icon.png');
}
