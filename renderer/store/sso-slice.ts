// IAM Identity Center in the window: the sessions and which one is chosen, a sign-in waiting for the browser, the
// chosen session's accounts, and adding their ECR registries. No token ever reaches the window: main keeps them in
// the AWS CLI's cache and sends only the code the user checks in the browser.
import type { StateCreator } from 'zustand';
import type { AppError, SsoAccounts, SsoAuthorization, SsoSessionInfo } from '../../shared/types';
import type { AppState } from './app-state';
import { bridgeCaller, noBridgeForAction } from './bridge';

export type SsoBusy = 'sessions' | 'sign-in' | 'accounts' | 'add' | null;
export type SsoSignInTarget = { session: string } | { startUrl: string; region: string };

export interface SsoSlice {
  ssoSessions: SsoSessionInfo[] | null;
  ssoChosen: string | null;
  /** The sign-in waiting for the user to approve in the browser. */
  ssoPending: SsoAuthorization | null;
  ssoAccounts: SsoAccounts | null;
  ssoBusy: SsoBusy;
  ssoError: AppError | null;
  /** The registries the last "Add" put in the list. */
  ssoAdded: string[] | null;

  loadSsoSessions: () => Promise<void>;
  chooseSsoSession: (id: string) => Promise<void>;
  signInSso: (target: SsoSignInTarget) => Promise<void>;
  cancelSsoSignIn: () => Promise<void>;
  loadSsoAccounts: (refresh?: boolean) => Promise<void>;
  setSsoRole: (accountId: string, roleName: string) => Promise<void>;
  addSsoRegistries: (picks: { accountId: string; roleName: string }[], regions: string[]) => Promise<boolean>;
}

const call = bridgeCaller(noBridgeForAction);
/** Failures that mean the session must be signed in to (again): the view offers the button. */
export const signInNeeded = new Set(['sso-session-ended', 'sso-signed-out']);

export function createSsoSlice(): StateCreator<AppState, [], [], SsoSlice> {
  return (set, get) => {
    const sessionStateChanged = (id: string, state: SsoSessionInfo['state']) =>
      set((s) => ({ ssoSessions: s.ssoSessions?.map((x) => (x.id === id ? { ...x, state } : x)) ?? null }));
    const failed = (error: AppError) => {
      set({ ssoError: error, ssoBusy: null });
      const id = get().ssoChosen;
      if (id && signInNeeded.has(error.kind)) sessionStateChanged(id, error.kind === 'sso-signed-out' ? 'signed-out' : 'expired');
    };
    return {
      ssoSessions: null,
      ssoChosen: null,
      ssoPending: null,
      ssoAccounts: null,
      ssoBusy: null,
      ssoError: null,
      ssoAdded: null,

      async loadSsoSessions() {
        // A sign-in waiting for the browser stays what the view is busy with.
        const idle = get().ssoBusy === null;
        if (idle) set({ ssoBusy: 'sessions' });
        const r = await call('ssoSessions', (api) => api.ssoSessions());
        if (!r.ok) return idle ? failed(r.error) : undefined;
        const chosen = r.value.find((s) => s.id === get().ssoChosen) ?? r.value.find((s) => s.state === 'signed-in') ?? r.value[0] ?? null;
        set((s) => ({ ssoSessions: r.value, ...(s.ssoBusy === 'sessions' ? { ssoBusy: null, ssoError: null } : {}) }));
        if (chosen && !get().ssoPending) await get().chooseSsoSession(chosen.id);
      },

      async chooseSsoSession(id) {
        const changed = get().ssoChosen !== id;
        set({ ssoChosen: id, ...(changed ? { ssoAccounts: null, ssoAdded: null, ssoError: null } : {}) });
        const session = get().ssoSessions?.find((s) => s.id === id);
        if (session?.state === 'signed-in' && (changed || !get().ssoAccounts)) await get().loadSsoAccounts();
      },

      async signInSso(target) {
        set({ ssoBusy: 'sign-in', ssoError: null, ssoPending: null });
        const started = await call('ssoSignIn', (api) => api.ssoSignIn(target));
        if (!started.ok) return failed(started.error);
        set({ ssoPending: started.value });
        const done = await call('ssoFinishSignIn', (api) => api.ssoFinishSignIn({ session: started.value.session }));
        // A newer sign-in replaced this one: let that one report.
        if (get().ssoPending?.session !== started.value.session) return;
        set({ ssoPending: null });
        if (!done.ok) return failed(done.error);
        const others = (get().ssoSessions ?? []).filter((s) => s.id !== done.value.id);
        set({ ssoSessions: [...others, done.value].sort((a, b) => order(get().ssoSessions, a.id) - order(get().ssoSessions, b.id)), ssoBusy: null, ssoChosen: done.value.id, ssoAccounts: null });
        await get().loadSsoAccounts();
      },

      async cancelSsoSignIn() {
        const pending = get().ssoPending;
        if (!pending) return;
        await call('ssoCancelSignIn', (api) => api.ssoCancelSignIn({ session: pending.session }));
      },

      async loadSsoAccounts(refresh = false) {
        const session = get().ssoChosen;
        if (!session) return;
        set({ ssoBusy: 'accounts', ssoError: null });
        const r = await call('ssoAccounts', (api) => api.ssoAccounts({ session, ...(refresh ? { refresh } : {}) }));
        if (get().ssoChosen !== session) return;
        if (!r.ok) return failed(r.error);
        set({ ssoAccounts: r.value, ssoBusy: null });
      },

      async setSsoRole(accountId, roleName) {
        const session = get().ssoChosen;
        if (!session) return;
        set((s) => ({
          ssoAccounts: s.ssoAccounts && { ...s.ssoAccounts, accounts: s.ssoAccounts.accounts.map((a) => (a.accountId === accountId ? { ...a, role: roleName } : a)) },
        }));
        const r = await call('ssoSetRole', (api) => api.ssoSetRole({ session, accountId, roleName }));
        if (!r.ok) set({ ssoError: r.error });
      },

      async addSsoRegistries(picks, regions) {
        const session = get().ssoChosen;
        if (!session) return false;
        set({ ssoBusy: 'add', ssoError: null, ssoAdded: null });
        const r = await call('ssoAddRegistries', (api) => api.ssoAddRegistries({ session, accounts: picks, regions }));
        if (!r.ok) {
          failed(r.error);
          return false;
        }
        set({ ssoAdded: r.value, ssoBusy: null });
        await get().refresh();
        return true;
      },
    };
  };
}

/** A session keeps its place in the list when it is replaced (a typed start URL goes last). */
function order(list: SsoSessionInfo[] | null, id: string): number {
  const i = list?.findIndex((s) => s.id === id) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
