// The window's one store, made of one slice per concern (status, navigation, logins, health, settings, SSO); each
// slice's file says what it holds and which contract channels it calls. A new concern adds its slice here.
import { create } from 'zustand';
import type { AppState } from './app-state';
import { bridge } from './bridge';
import { createHealthSlice, startHealthSync } from './health-slice';
import { createLoginSlice } from './login-slice';
import { createNavSlice } from './nav-slice';
import { createSettingsSlice } from './settings-slice';
import { createSsoSlice } from './sso-slice';
import { createStatusSlice } from './status-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createStatusSlice()(...a),
  ...createNavSlice()(...a),
  ...createLoginSlice()(...a),
  ...createHealthSlice()(...a),
  ...createSettingsSlice()(...a),
  ...createSsoSlice()(...a),
}));

/** Reads the status once and follows main's statusChanged pushes. Returns the unsubscribe. */
export function startStatusSync(): () => void {
  const api = bridge();
  const off = api ? api.on('statusChanged', (status) => useAppStore.getState().receive(status)) : () => undefined;
  const first = useAppStore.getState().refresh();
  // The checks run once the status is in (for the Health badge), then follow the same pushes.
  const offHealth = startHealthSync(useAppStore.getState, first);
  return () => {
    off();
    offHealth();
  };
}

export type { Section } from './nav-slice';
export type { PasswordPrompt, RowOutcome } from './login-slice';
