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
 * @2x file beside it is picked up automatically). Windows and Linux: the colour image (@2x picked up on HiDPI).
 */
export function trayImagePath(dir: string, icon: TrayIcon, platform: Platform): string {
  return path.join(dir, 'tray', icon, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}

/** The window icon (Linux and Windows show it in the task bar; macOS uses the bundle's icon). */
export function appIconPath(dir: string): string {
  return path.join(dir, 'icon.png');
}
