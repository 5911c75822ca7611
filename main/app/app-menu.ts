// The application menu. Electron's default menu has Reload, Force Reload and Toggle Developer Tools: a packaged app
// must not offer them (a reload drops the window's state; DevTools open the page to anyone at the keyboard). Pure:
// the template is a function of the platform and whether the app is packaged.
import type { MenuItemConstructorOptions } from 'electron';
import type { Platform } from '../../shared/types';

/** Development only: reload and DevTools, as the default menu has them. */
const developMenu: MenuItemConstructorOptions = {
  label: 'Develop',
  submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
};

/**
 * macOS: the app menu (About, Hide, Quit — named after productName), Edit (without it ⌘C / ⌘V do nothing in the
 * page) and Window. Windows and Linux: no menu bar in production (the window hides it anyway; copy and paste work
 * without one). null means "no menu".
 */
export function appMenuTemplate(platform: Platform, isPackaged: boolean): MenuItemConstructorOptions[] | null {
  const dev = isPackaged ? [] : [developMenu];
  if (platform !== 'darwin') return dev.length ? dev : null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }, ...dev];
}
