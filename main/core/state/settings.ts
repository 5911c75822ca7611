// The shell's settings: settings.json in the app's state folder (menu-bar-only, auto-renew), plus the per-registry
// auto-renew flag kept with the rest of each registry's memory in state.json. Start at login is NOT stored here:
// the OS keeps it (login items, the Run key, the XDG autostart file) and the user can change it there too, so the
// shell asks the OS each time through `LoginItem` instead of keeping a copy that could disagree.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppSettings, SettingsChange } from '../../../shared/contract';
import { clampLead, defaultRenewBeforeMinutes } from '../../../shared/renew';
import { Failure } from '../failure';
import { parseUserHost } from '../registries/host';
import { writeFileAtomic } from '../atomic-write';
import { loadState, privateFile, updateState } from './app-state';
import { withFileLock } from './file-lock';

export const settingsFileName = 'settings.json';

export interface StoredSettings {
  /** Unset: as the build chose (LSUIElement in the macOS package). */
  menuBarOnly?: boolean;
  autoRenewAll?: boolean;
  renewBeforeMinutes?: number;
}

/** The OS switch for start at login; absent where the shell cannot set one (the e2e harness, the CLI). */
export interface LoginItem {
  get(): boolean | Promise<boolean>;
  set(enabled: boolean): void | Promise<void>;
}

export interface SettingsDeps {
  loginItem?: LoginItem;
  /** What menu-bar-only means when the user never chose: true for a build with LSUIElement. */
  menuBarOnlyDefault?: boolean;
}

export async function loadSettings(stateDir: string): Promise<StoredSettings> {
  try {
    const doc = JSON.parse(await readFile(path.join(stateDir, settingsFileName), 'utf8')) as unknown;
    return sanitize(doc);
  } catch {
    // Missing or damaged: the defaults are safe (nothing renews until the user opts in again).
    return {};
  }
}

function sanitize(doc: unknown): StoredSettings {
  if (typeof doc !== 'object' || doc === null) return {};
  const d = doc as Record<string, unknown>;
  const out: StoredSettings = {};
  if (typeof d.menuBarOnly === 'boolean') out.menuBarOnly = d.menuBarOnly;
  if (typeof d.autoRenewAll === 'boolean') out.autoRenewAll = d.autoRenewAll;
  if (typeof d.renewBeforeMinutes === 'number' && Number.isFinite(d.renewBeforeMinutes)) out.renewBeforeMinutes = clampLead(d.renewBeforeMinutes);
  return out;
}

/** Atomic, like state.json: a crash leaves the old file or the new one. */
async function saveSettings(stateDir: string, settings: StoredSettings): Promise<void> {
  await writeFileAtomic(path.join(stateDir, settingsFileName), Buffer.from(JSON.stringify(settings, null, 2) + '\n'), privateFile);
}

export async function readAppSettings(stateDir: string, deps: SettingsDeps = {}): Promise<AppSettings> {
  const [stored, state] = await Promise.all([loadSettings(stateDir), loadState(stateDir)]);
  return {
    startAtLogin: deps.loginItem ? await deps.loginItem.get() : false,
    startAtLoginSupported: !!deps.loginItem,
    menuBarOnly: stored.menuBarOnly ?? deps.menuBarOnlyDefault ?? false,
    autoRenewAll: stored.autoRenewAll ?? false,
    autoRenewHosts: Object.entries(state.registries)
      .filter(([, m]) => m.autoRenew)
      .map(([host]) => host)
      .sort(),
    renewBeforeMinutes: stored.renewBeforeMinutes ?? defaultRenewBeforeMinutes,
  };
}

export function changeSettings(stateDir: string, change: SettingsChange, deps: SettingsDeps = {}): Promise<AppSettings> {
  // One writer at a time, like updateState: two quick toggles from the tray must not lose one another.
  return withFileLock(path.join(stateDir, settingsFileName), async () => {
    if (change.startAtLogin !== undefined) {
      if (!deps.loginItem) throw new Failure('unsupported', 'Start at login can only be changed from the Finch Logins app.');
      await deps.loginItem.set(change.startAtLogin);
    }
    const { startAtLogin: _os, ...stored } = change;
    if (Object.keys(stored).length > 0) {
      const current = await loadSettings(stateDir);
      const merged: StoredSettings = { ...current, ...stored };
      if (merged.renewBeforeMinutes !== undefined) merged.renewBeforeMinutes = clampLead(merged.renewBeforeMinutes);
      await saveSettings(stateDir, merged);
    }
    return readAppSettings(stateDir, deps);
  });
}

/** Opts one registry in or out of auto-renew (remembered with its other memory in state.json). */
export async function setRegistryAutoRenew(stateDir: string, host: string, enabled: boolean, deps: SettingsDeps = {}): Promise<AppSettings> {
  const parsed = parseUserHost(host);
  if ('error' in parsed) throw new Failure('invalid-host', parsed.error);
  await updateState(stateDir, (s) => {
    const m = (s.registries[parsed.host] ??= {});
    if (enabled) m.autoRenew = true;
    else delete m.autoRenew;
  });
  return readAppSettings(stateDir, deps);
}
