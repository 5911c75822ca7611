// Lifecycle decisions: hidden launches at login, the Dock icon, and how each OS records "start at login".
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../main/app/app-menu';
import { autostartEnabled, autostartEntry, dockChange, dockPolicy, hiddenFlag, infoPlistPath, loginItemPlan, plistSaysMenuBarOnly, quoteExecArg, startsHidden } from '../../main/app/lifecycle';

const ctx = { execPath: '/opt/Finch Logins/finch-logins', launchArgs: [], configHome: '/home/dana/.config' };

describe('launch', () => {
  it('stays in the menu bar when started at login, and opens the window otherwise', () => {
    expect(startsHidden(['/opt/finch-logins'], false)).toBe(false);
    expect(startsHidden(['/opt/finch-logins', hiddenFlag], false)).toBe(true);
    expect(startsHidden(['/Applications/Finch Logins.app/Contents/MacOS/Finch Logins'], true)).toBe(true);
  });

  it('hides the Dock icon only on macOS in menu-bar-only mode', () => {
    expect(dockPolicy('darwin', true)).toBe('hide');
    expect(dockPolicy('darwin', false)).toBe('show');
    expect(dockPolicy('win32', true)).toBe('none');
    expect(dockPolicy('linux', false)).toBe('none');
  });

  it('reads the build\u2019s menu-bar-only choice from Info.plist', () => {
    expect(infoPlistPath('/Applications/Finch Logins.app/Contents/MacOS/Finch Logins')).toBe('/Applications/Finch Logins.app/Contents/Info.plist');
    expect(plistSaysMenuBarOnly('<key>LSUIElement</key>\n\t<true/>')).toBe(true);
    expect(plistSaysMenuBarOnly('<key>LSUIElement</key><string>1</string>')).toBe(true);
    expect(plistSaysMenuBarOnly('<key>LSUIElement</key><integer>1</integer>')).toBe(true);
    expect(plistSaysMenuBarOnly('<key>LSUIElement</key><false/>')).toBe(false);
    expect(plistSaysMenuBarOnly('<key>LSUIElement</key><string>0</string>')).toBe(false);
    expect(plistSaysMenuBarOnly('<key>CFBundleName</key><string>Finch Logins</string>')).toBe(false);
  });
});

describe('start at login', () => {
  it('uses login items on macOS and the Run key with --hidden on Windows', () => {
    expect(loginItemPlan('darwin', true, ctx)).toEqual({ kind: 'electron', openAtLogin: true, args: [] });
    expect(loginItemPlan('win32', true, ctx)).toEqual({ kind: 'electron', openAtLogin: true, args: [hiddenFlag] });
    expect(loginItemPlan('win32', false, ctx)).toEqual({ kind: 'electron', openAtLogin: false, args: [hiddenFlag] });
  });

  it('writes an XDG autostart entry on Linux, and removes it to turn it off', () => {
    expect(loginItemPlan('linux', false, ctx)).toEqual({ kind: 'autostart', file: '/home/dana/.config/autostart/finch-logins.desktop', content: null });
    const on = loginItemPlan('linux', true, ctx);
    expect(on).toMatchObject({ kind: 'autostart', file: '/home/dana/.config/autostart/finch-logins.desktop' });
    expect((on as { content: string }).content).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Finch Logins',
        'Comment=Container registry logins for Finch, in the tray',
        'Exec="/opt/Finch Logins/finch-logins" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('starts the AppImage file, not its temporary mount, and the app folder under a bare Electron', () => {
    expect((loginItemPlan('linux', true, { ...ctx, appImage: '/home/dana/Apps/Finch-Logins.AppImage' }) as { content: string }).content).toMatch(/^Exec=\/home\/dana\/Apps\/Finch-Logins.AppImage --hidden$/m);
    expect((loginItemPlan('linux', true, { ...ctx, execPath: '/repo/node_modules/electron/dist/electron', launchArgs: ['/repo'] }) as { content: string }).content).toMatch(/^Exec=\/repo\/node_modules\/electron\/dist\/electron \/repo --hidden$/m);
  });

  it('quotes Exec arguments as the Desktop Entry spec says', () => {
    expect(quoteExecArg('/usr/bin/finch-logins')).toBe('/usr/bin/finch-logins');
    expect(quoteExecArg('/opt/My App/x')).toBe('"/opt/My App/x"');
    expect(quoteExecArg('/a/$HOME/`x`/"q"')).toBe('"/a/\\$HOME/\\`x\\`/\\"q\\""');
    expect(autostartEntry(['a b'])).toContain('Exec="a b"');
  });
});

describe('desktop details (issue 11, point 6)', () => {
  it('touches the Dock only when the wanted state changes (Electron ignores a second hide within a second)', () => {
    expect(dockChange(null, 'hide')).toBe('hide');
    expect(dockChange('hide', 'hide')).toBeNull();
    expect(dockChange('hide', 'show')).toBe('show');
    expect(dockChange('show', 'show')).toBeNull();
    expect(dockChange(null, 'show')).toBe('show');
    expect(dockChange(null, 'none')).toBeNull();
  });

  it('reads a Linux autostart file as off when the desktop switched it off (Hidden=true, GNOME\u2019s enabled=false)', () => {
    const ours = autostartEntry(['/opt/Finch Logins/finch-logins', hiddenFlag]);
    expect(autostartEnabled(ours)).toBe(true);
    expect(autostartEnabled(null)).toBe(false);
    expect(autostartEnabled(`${ours}Hidden=true\n`)).toBe(false);
    expect(autostartEnabled(ours.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'))).toBe(false);
    expect(autostartEnabled(`${ours}Hidden=false\n`)).toBe(true);
    // Only the [Desktop Entry] group counts.
    expect(autostartEnabled(`${ours}\n[Desktop Action x]\nHidden=true\n`)).toBe(true);
  });

  it('ships no Reload or DevTools menu in a packaged app; macOS keeps its app, Edit and Window menus', () => {
    const roles = (t: ReturnType<typeof appMenuTemplate>) => JSON.stringify(t);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(appMenuTemplate(platform, true))).not.toMatch(/reload|DevTools/i);
      expect(roles(appMenuTemplate(platform, false))).toMatch(/toggleDevTools/);
    }
    expect(appMenuTemplate('darwin', true)).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
    expect(appMenuTemplate('win32', true)).toBeNull();
    expect(appMenuTemplate('linux', true)).toBeNull();
  });
});
