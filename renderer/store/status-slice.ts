// The status snapshot as the window knows it: the last one main gave us, whether a read is under way, and the
// last failure. Snapshots arrive two ways: an answer to refresh(), or a statusChanged push from main.
import type { StateCreator } from 'zustand';
import type { AppError, Status } from '../../shared/types';
import type { AppState } from './app-state';
import { bridgeCaller, noBridge } from './bridge';

export interface StatusSlice {
  status: Status | null;
  loading: boolean;
  error: AppError | null;
  refresh: () => Promise<void>;
  /** Takes a snapshot main pushed; it is newer than any answer still on its way. */
  receive: (status: Status) => void;
}

const call = bridgeCaller(noBridge);

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
      const result = await call('getStatus', (api) => api.getStatus());
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
