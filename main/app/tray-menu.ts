// The tray model's menu items as Electron menu templates. Type-only use of Electron, so it is unit-tested in Node.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuItemSpec, TrayAction } from './tray-model';

export function menuTemplate(items: readonly MenuItemSpec[], dispatch: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: menuTemplate(item.items, dispatch) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, enabled: item.enabled, checked: item.checked, click: () => dispatch(item.action) };
      case 'normal': {
        const { action } = item;
        return { label: item.label, enabled: item.enabled, ...(action ? { click: () => dispatch(action) } : {}) };
      }
    }
  });
}
