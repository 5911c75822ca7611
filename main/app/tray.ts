// The tray icon and its menu, redrawn from the tray model. The menu is rebuilt and set again on every change:
// Linux (AppIndicator) shows a copy of the menu taken at setContextMenu time and ignores later edits.
import { Menu, nativeImage, Tray } from 'electron';
import type { Platform } from '../../shared/types';
import { trayImagePath } from './assets';
import { menuTemplate } from './tray-menu';
import type { TrayAction, TrayIcon, TrayModel } from './tray-model';

export class TrayView {
  private readonly tray: Tray;
  private icon: TrayIcon | null = null;
  private last = '';

  constructor(
    private readonly assets: string,
    private readonly platform: Platform,
    private readonly dispatch: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(this.image('busy'));
    this.icon = 'busy';
    // Windows users expect a left click to open the app (right click opens the menu). macOS opens the menu on
    // click by itself; on Linux clicks are not reliably reported, hence "Open Finch Logins" in the menu.
    if (platform === 'win32') this.tray.on('click', () => dispatch({ id: 'open-window' }));
  }

  render(model: TrayModel): void {
    const key = JSON.stringify(model);
    if (key === this.last) return;
    this.last = key;
    if (model.icon !== this.icon) {
      this.tray.setImage(this.image(model.icon));
      this.icon = model.icon;
    }
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.items, this.dispatch)));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(icon: TrayIcon): Electron.NativeImage {
    const image = nativeImage.createFromPath(trayImagePath(this.assets, icon, this.platform));
    // The file name already says Template; set it explicitly so a renamed asset cannot lose the tinting.
    if (this.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }
}
