// The window's one store, made of slices; later features (logins, health) add theirs here.
import { create } from 'zustand';
import type { AppState } from './app-state';
import { createNavSlice } from './nav-slice';
import { bridge, createStatusSlice } from './status-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createStatusSlice()(...a),
  ...createNavSlice()(...a),
}));

/** Reads the status once and follows main's statusChanged pushes. Returns the unsubscribe. */
export function startStatusSync(): () => void {
  const api = bridge();
  const off = api ? api.on('statusChanged', (status) => useAppStore.getState().receive(status)) : () => undefined;
  void useAppStore.getState().refresh();
  return off;
}

export type { AppState } from './app-state';
export { sections, type Section } from './nav-slice';
