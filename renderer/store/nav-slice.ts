// Which section of the window is showing. Sections are listed once so the sidebar and the views agree.
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';

export const sections = ['registries', 'profiles', 'sso', 'health', 'settings'] as const;
export type Section = (typeof sections)[number];

export interface NavSlice {
  section: Section;
  show: (section: Section) => void;
}

export function createNavSlice(): StateCreator<AppState, [], [], NavSlice> {
  return (set) => ({
    section: 'registries',
    show: (section) => set({ section }),
  });
}
