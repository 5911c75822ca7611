// The status snapshot as the window knows it: the last one main gave us, whether a read is under way, and the
// last failure. Snapshots arrive two ways: an answer to refresh(), or a statusChanged push from main.
import type { StateCreator } from 'zustand';
import type { Api } from '../../shared/contract';
import type { AppError, Result, Status } from '../../shared/types';
import type { AppState } from './app-state';

export interface StatusSlice {
  status: Status | null;
  loading: boolean;
  error: AppError | null;
  refresh: () => Promise<void>;
  /** Takes a snapshot main pushed; it is newer than any answer still on its way. */
  receive: (status: Status) => void;
}

/** The bridge, looked up when used: a page opened outside the app (or a broken preload) gets an error, not a crash. */
export function bridge(): Api | null {
  return typeof window !== 'undefined' && window.finchLogins ? window.finchLogins : null;
}

const noBridge: AppError = {
  kind: 'no-bridge',
  message: 'This window cannot reach Finch Logins.',
  hint: 'Open it from the Finch Logins app; the page does nothing on its own.',
};

export function createStatusSlice(): StateCreator<AppState, [], [], StatusSlice> {
  // Each refresh or push takes a ticket; an answer applies only if no newer one came in meanwhile.
  let latest = 0;
  let inFlight = 0;
  return (set) => ({
    status: null,
    loading: false,
    error: null,
    async refresh() {
      const ticket = ++latest;
      inFlight++;
      set({ loading: true });
      let result: Result<Status>;
      try {
        const api = bridge();
        result = api ? await api.getStatus() : { ok: false, error: noBridge };
      } catch (e) {
        // The bridge answers with an envelope and never throws: a throw here is a bug (e.g. a channel missing).
        console.error('finchLogins.getStatus threw:', e);
        result = { ok: false, error: { kind: 'bridge', message: e instanceof Error ? e.message : String(e) } };
      }
      inFlight--;
      if (ticket !== latest) {
        set({ loading: inFlight > 0 });
        return;
      }
      set(result.ok ? { status: result.value, error: null, loading: inFlight > 0 } : { error: result.error, loading: inFlight > 0 });
    },
    receive(status) {
      latest++;
      set({ status, error: null });
    },
  });
}
