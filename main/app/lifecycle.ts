// Lifecycle decisions of the menu-bar app, as pure functions: whether to open the window at launch, whether the
// Dock icon shows, and how "Start at login" is recorded on each OS.
import path from 'node:path';
import type { Platform } from '../../shared/types';

/** electron-builder.yml's appId. Windows shows notifications only for an app whose AppUserModelID matches its
 * Start-menu shortcut, which the NSIS installer creates with this id. */
export const appUserModelId = 'io.github.finch-logins';

/** Added to the command line of the login item, so a launch at login stays in the menu bar. */
export const hiddenFlag = '--hidden';

/** A launch at login opens no window (the tray is enough); any other launch shows it. */
export function startsHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(hiddenFlag);
}

/** 'hide' the Dock icon in menu-bar-only mode; other platforms have no Dock. */
export function dockPolicy(platform: Platform, menuBarOnly: boolean): 'hide' | 'show' | 'none' {
  if (platform !== 'darwin') return 'none';
  return menuBarOnly ? 'hide' : 'show';
}

export type DockPolicy = ReturnType<typeof dockPolicy>;

/**
 * What to do to the Dock when the settings change: only a real change hides or shows it. Electron ignores a second
 * app.dock.hide() within about a second, and show() re-activates the app; settings change for other reasons too.
 */
export function dockChange(current: DockPolicy | null, next: DockPolicy): 'hide' | 'show' | null {
  if (next === 'none' || next === current) return null;
  return next;
}

/**
 * Whether this build was packaged as menu-bar-only (Info.plist's LSUIElement, set by electron-builder — see
 * docs/packaging.md). It is the default until the user chooses in the tray.
 */
export function plistSaysMenuBarOnly(plist: string): boolean {
  return /<key>LSUIElement<\/key>\s*(<true\s*\/>|<string>\s*(1|true|YES)\s*<\/string>|<integer>\s*1\s*<\/integer>)/i.test(plist);
}

/** The Info.plist of the running app: Contents/Info.plist, two levels above Contents/MacOS/<exe>. */
export function infoPlistPath(execPath: string): string {
  return path.join(path.dirname(execPath), '..', 'Info.plist');
}

export interface LaunchContext {
  execPath: string;
  /** Arguments before ours: the app folder when running from source under a bare Electron. */
  launchArgs: readonly string[];
  /** An AppImage runs from a temporary mount; $APPIMAGE is the file to start instead. */
  appImage?: string;
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome: string;
}

export type LoginItemPlan =
  | { kind: 'electron'; openAtLogin: boolean; args: string[] }
  | { kind: 'autostart'; file: string; content: string | null };

/**
 * macOS and Windows: Electron's setLoginItemSettings (login items; the Run key — with --hidden, which Windows
 * passes back). Linux has no such API: an XDG autostart entry is the desktop-neutral way (GNOME, KDE, Xfce …).
 */
export function loginItemPlan(platform: Platform, enabled: boolean, ctx: LaunchContext): LoginItemPlan {
  if (platform === 'linux') {
    const file = autostartFile(ctx.configHome);
    if (!enabled) return { kind: 'autostart', file, content: null };
    const command = ctx.appImage ? [ctx.appImage] : [ctx.execPath, ...ctx.launchArgs];
    return { kind: 'autostart', file, content: autostartEntry([...command, hiddenFlag]) };
  }
  // macOS ignores args (it reports wasOpenedAtLogin instead); Windows needs them to read the setting back.
  return { kind: 'electron', openAtLogin: enabled, args: platform === 'win32' ? [hiddenFlag] : [] };
}

export function autostartFile(configHome: string): string {
  return path.join(configHome, 'autostart', 'finch-logins.desktop');
}

/** Desktop Entry Exec quoting: arguments with reserved characters in double quotes, with \\ " ` $ escaped. */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * Whether an autostart file starts the app. Per the XDG Autostart spec a file with Hidden=true is treated as
 * deleted (desktops' session settings write it to switch an entry off), and GNOME also honours
 * X-GNOME-Autostart-enabled=false. Only the [Desktop Entry] group counts; the last value of a key wins.
 */
export function autostartEnabled(content: string | null): boolean {
  if (content === null) return false;
  let inEntry = false;
  const keys = new Map<string, string>();
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inEntry = line === '[Desktop Entry]';
    else if (inEntry && line.includes('=') && !line.startsWith('#')) {
      const at = line.indexOf('=');
      keys.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
  }
  return keys.get('Hidden') !== 'true' && keys.get('X-GNOME-Autostart-enabled') !== 'false';
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Finch Logins',
    'Comment=Container registry logins for Finch, in the tray',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
