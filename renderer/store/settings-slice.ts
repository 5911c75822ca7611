// The menu-bar app's settings as the window shows them (start at login, menu-bar-only, auto-renew for all or per
// registry, how early to renew), and the window's answer to main's focusRegistry: show that registry's row.
//
// Settings come from main (getSettings), change only through it (setSettings / setAutoRenew) and follow its
// settingsChanged pushes, so a change made from the tray shows here too. While a change is on its way the control
// shows the value asked for (`pendingSettings` / `pendingHosts`); main's answer replaces it, or its error is shown
// next to the control and the control falls back to what main still has.
import type { StateCreator } from 'zustand';
import type { AppSettings, SettingsChange } from '../../shared/contract';
import type { AppError } from '../../shared/types';
import type { AppState } from './app-state';
import { bridge, bridgeCaller, noBridgeForAction, without } from './bridge';

export type SettingKey = keyof SettingsChange;

/** How long the focused row stays highlighted once it is on screen. */
export const focusHighlightMs = 3_500;

export interface SettingsSlice {
  /** As main last said; null until the first answer (or push). */
  settings: AppSettings | null;
  settingsLoading: boolean;
  settingsLoadError: AppError | null;
  /** Changes on their way: the value each control shows until main answers. */
  pendingSettings: SettingsChange;
  pendingHosts: Record<string, boolean>;
  /** The last failed change of each control, until it is tried again. */
  settingErrors: Partial<Record<SettingKey, AppError>>;
  autoRenewErrors: Record<string, AppError>;

  loadSettings: () => Promise<void>;
  /** Loads the settings the first time something shows them. */
  ensureSettings: () => void;
  changeSetting: <K extends SettingKey>(key: K, value: NonNullable<SettingsChange[K]>) => Promise<void>;
  setAutoRenew: (host: string, enabled: boolean) => Promise<void>;
  receiveSettings: (settings: AppSettings) => void;

  /** The registry main asked to show (n changes on every request, so asking again highlights again). */
  focus: { host: string; n: number } | null;
  focusRegistry: (host: string) => void;
  /** Ends highlight n (a newer request is left alone). */
  clearFocus: (n: number) => void;
}

const call = bridgeCaller(noBridgeForAction);

export function createSettingsSlice(): StateCreator<AppState, [], [], SettingsSlice> {
  // Per control, the latest request: an older answer does not end the pending state of a newer one.
  const tickets = new Map<string, number>();
  const take = (key: string) => {
    const n = (tickets.get(key) ?? 0) + 1;
    tickets.set(key, n);
    return n;
  };
  let loadTicket = 0;

  return (set, get) => {
    // Subscribed as the store is made, before the page renders: a focusRegistry main sends as soon as the page
    // has loaded (a notification clicked while the window was closed) must not be lost.
    const api = bridge();
    if (api) {
      api.on('settingsChanged', (settings) => get().receiveSettings(settings));
      api.on('focusRegistry', ({ host }) => get().focusRegistry(host));
    }

    return {
      settings: null,
      settingsLoading: false,
      settingsLoadError: null,
      pendingSettings: {},
      pendingHosts: {},
      settingErrors: {},
      autoRenewErrors: {},

      async loadSettings() {
        const ticket = ++loadTicket;
        set({ settingsLoading: true });
        const r = await call('getSettings', (a) => a.getSettings());
        if (ticket !== loadTicket) return;
        set(r.ok ? { settings: r.value, settingsLoadError: null, settingsLoading: false } : { settingsLoadError: r.error, settingsLoading: false });
      },

      ensureSettings() {
        const s = get();
        if (!s.settings && !s.settingsLoading && !s.settingsLoadError) void s.loadSettings();
      },

      async changeSetting(key, value) {
        const ticket = take(key);
        const change = { [key]: value } as SettingsChange;
        set((s) => ({ pendingSettings: { ...s.pendingSettings, ...change }, settingErrors: { ...s.settingErrors, [key]: undefined } }));
        const r = await call('setSettings', (a) => a.setSettings(change));
        if (ticket !== tickets.get(key)) {
          // A newer change of this control is on its way; its answer settles the control.
          if (r.ok) set({ settings: r.value });
          return;
        }
        set((s) => {
          const pendingSettings = { ...s.pendingSettings };
          delete pendingSettings[key];
          return r.ok ? { settings: r.value, pendingSettings } : { pendingSettings, settingErrors: { ...s.settingErrors, [key]: r.error } };
        });
      },

      async setAutoRenew(host, enabled) {
        const ticket = take(`host:${host}`);
        set((s) => ({ pendingHosts: { ...s.pendingHosts, [host]: enabled }, autoRenewErrors: without(s.autoRenewErrors, host) }));
        const r = await call('setAutoRenew', (a) => a.setAutoRenew({ host, enabled }));
        if (ticket !== tickets.get(`host:${host}`)) {
          if (r.ok) set({ settings: r.value });
          return;
        }
        set((s) => {
          const pendingHosts = without(s.pendingHosts, host);
          return r.ok ? { settings: r.value, pendingHosts } : { pendingHosts, autoRenewErrors: { ...s.autoRenewErrors, [host]: r.error } };
        });
      },

      receiveSettings(settings) {
        // A push is newer than any load still on its way.
        loadTicket++;
        set({ settings, settingsLoading: false, settingsLoadError: null });
      },

      focus: null,
      focusRegistry(host) {
        set((s) => ({ section: 'registries', focus: { host, n: (s.focus?.n ?? 0) + 1 } }));
      },
      clearFocus(n) {
        if (get().focus?.n === n) set({ focus: null });
      },
    };
  };
}

/** What a control shows: the value on its way, else main's. */
export function shownSetting<K extends SettingKey>(s: Pick<SettingsSlice, 'settings' | 'pendingSettings'>, key: K): AppSettings[K] | undefined {
  const pending = s.pendingSettings[key];
  return pending !== undefined ? (pending as AppSettings[K]) : s.settings?.[key];
}

/** Whether a registry is renewed: for all, or opted in one by one (the value on its way first). */
export function shownAutoRenew(s: Pick<SettingsSlice, 'settings' | 'pendingSettings' | 'pendingHosts'>, host: string): { all: boolean; own: boolean } {
  const all = shownSetting(s, 'autoRenewAll') ?? false;
  const own = s.pendingHosts[host] ?? s.settings?.autoRenewHosts.includes(host) ?? false;
  return { all, own };
}
