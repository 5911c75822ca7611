// Logins from the window: which rows are busy, what the last attempt on each row came to, the password dialog's
// target, and "Log in to all". Never a secret: a password passes through loginWithPassword's arguments on its
// way to the bridge and is not kept anywhere in the store.
import type { StateCreator } from 'zustand';
import type { ErrorKind } from '../../shared/ids';
import { canLogIn, loginAllHosts, type LoginAllMode } from '../../shared/login-all';
import type { AppError, LoginOutcome, Result } from '../../shared/types';
import { liveState } from '../../shared/login-state';
import type { AppState } from './app-state';
import { bridgeCaller, noBridgeForAction, without } from './bridge';

export type RowBusy = 'login' | 'logout' | 'sso' | 'profile' | 'vm';

/** What a row shows under it after an attempt: the outcome in words and what to do next. */
export interface RowOutcome {
  result: LoginOutcome['result'];
  error?: AppError;
  /** ECR: the profile the login used. */
  profile?: string;
  /** From "Log in to all" rather than the row's own button. */
  fromAll: boolean;
  /** Logged in, but e.g. the password could not be remembered. */
  warning?: AppError;
}

/** The registry the username/password dialog is open for. The dialog keeps its fields to itself. */
export interface PasswordPrompt {
  host: string;
  username?: string;
  /** Why it opened, when that is worth saying ("no longer in the keychain"). */
  reason?: string;
}

export interface LoginAllSummary {
  mode: LoginAllMode;
  loggedIn: number;
  failed: number;
  skipped: number;
  /** Valid logins "Log in to all" left as they are (not counted in the three above). */
  leftAlone: number;
}

export interface LoginSlice {
  busy: Record<string, RowBusy>;
  outcomes: Record<string, RowOutcome>;
  loggingInAll: boolean;
  /** The last "Log in to all", until the next refresh. */
  allSummary: LoginAllSummary | null;
  allError: AppError | null;
  passwordPrompt: PasswordPrompt | null;
  /** Asks a row's profile picker to take the focus (n changes on every request). */
  profileFocus: { host: string; n: number } | null;
  /** A password registry whose Log out waits for "keep or forget the saved password". */
  confirmingLogout: string | null;

  login: (host: string, extra?: { mfaCode?: string }) => Promise<void>;
  /** Sends the password once; resolves to the error to show in the dialog, or null when logged in. */
  loginWithPassword: (host: string, username: string, password: string, remember: boolean) => Promise<AppError | null>;
  /** `finch logout`; `forget` also drops a password remembered in the keychain. */
  logout: (host: string, forget?: boolean) => Promise<void>;
  askLogout: (host: string) => void;
  cancelLogout: () => void;
  setProfile: (host: string, profile: string | null) => Promise<void>;
  /** `aws sso login --profile P`, then the login again. */
  ssoThenLogin: (host: string, profile: string) => Promise<void>;
  /** Finch older than 1.15 logs in inside its VM: start it, then log in again. */
  startVmThenLogin: (host: string) => Promise<void>;
  /** "Log in to all" (`renew`: what is expired, expiring or logged out) or "Re-login all" (`relogin`). */
  loginAll: (mode?: LoginAllMode) => Promise<void>;
  addRegistry: (host: string) => Promise<Result<string>>;
  addEcrFromProfile: (profile: string, regions: string[]) => Promise<Result<string[]>>;
  askPassword: (prompt: PasswordPrompt) => void;
  closePasswordPrompt: () => void;
  dismissOutcome: (host: string) => void;
  dismissAll: () => void;
}

const call = bridgeCaller(noBridgeForAction);

const profileKinds: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['needs-profile', 'profile-missing']);

export function createLoginSlice(): StateCreator<AppState, [], [], LoginSlice> {
  return (set, get, api) => {
    // Results stay on screen until the user's next refresh; the refreshes made here to show a login's effect
    // (and main's statusChanged pushes, which are not refreshes) leave them alone.
    let ownRefresh = false;
    const refresh = (): Promise<void> => {
      ownRefresh = true;
      try {
        return get().refresh();
      } finally {
        ownRefresh = false;
      }
    };
    api.subscribe((s, prev) => {
      if (!s.loading || prev.loading || ownRefresh) return;
      if (s.allSummary || s.allError || Object.keys(s.outcomes).length > 0) set({ allSummary: null, allError: null, outcomes: {} });
    });

    const setBusy = (host: string, what: RowBusy | null) =>
      set((s) => ({ busy: what ? { ...s.busy, [host]: what } : without(s.busy, host) }));
    const setOutcome = (host: string, outcome: RowOutcome | null) =>
      set((s) => ({ outcomes: outcome ? { ...s.outcomes, [host]: outcome } : without(s.outcomes, host) }));

    /** What a failed row asks for next: a password dialog, the profile picker, or words under the row. */
    const failed = (host: string, error: AppError, fromAll: boolean) => {
      if (!fromAll && error.kind === 'needs-password') {
        setOutcome(host, null);
        const registry = get().status?.registries.find((r) => r.host === host);
        const reason = error.detail?.reason === 'keychain-empty' ? error.message : undefined;
        set({ passwordPrompt: { host, ...(registry?.username ? { username: registry.username } : {}), ...(reason ? { reason } : {}) } });
        return;
      }
      setOutcome(host, { result: 'failed', error, fromAll });
      if (!fromAll && profileKinds.has(error.kind)) set((s) => ({ profileFocus: { host, n: (s.profileFocus?.n ?? 0) + 1 } }));
    };

    return {
      busy: {},
      outcomes: {},
      loggingInAll: false,
      allSummary: null,
      allError: null,
      passwordPrompt: null,
      profileFocus: null,
      confirmingLogout: null,

      async login(host, extra) {
        setBusy(host, 'login');
        setOutcome(host, null);
        const r = await call('login', (a) => a.login({ host, ...(extra?.mfaCode ? { mfaCode: extra.mfaCode } : {}) }));
        setBusy(host, null);
        const outcome = r.ok ? r.value : ({ host, result: 'failed', error: r.error } satisfies LoginOutcome);
        if (outcome.result === 'logged-in') await refresh();
        else failed(host, outcome.error ?? { kind: 'internal', message: `The login to ${host} did not finish.` }, false);
      },

      async loginWithPassword(host, username, password, remember) {
        setBusy(host, 'login');
        setOutcome(host, null);
        const r = await call('login', (a) => a.login({ host, username, password, remember }));
        setBusy(host, null);
        if (!r.ok) return r.error;
        if (r.value.result !== 'logged-in') return r.value.error ?? { kind: 'internal', message: `The login to ${host} did not finish.` };
        set({ passwordPrompt: null });
        if (r.value.warning) setOutcome(host, { result: 'logged-in', warning: r.value.warning, fromAll: false });
        await refresh();
        return null;
      },

      async logout(host, forget = false) {
        setBusy(host, 'logout');
        setOutcome(host, null);
        set((s) => (s.confirmingLogout === host ? { confirmingLogout: null } : {}));
        const r = await call('logout', (a) => a.logout({ host, ...(forget ? { forget } : {}) }));
        setBusy(host, null);
        if (r.ok) await refresh();
        else setOutcome(host, { result: 'failed', error: r.error, fromAll: false });
      },

      async setProfile(host, profile) {
        setBusy(host, 'profile');
        const r = await call('setProfile', (a) => a.setProfile({ host, profile }));
        setBusy(host, null);
        if (!r.ok) {
          setOutcome(host, { result: 'failed', error: r.error, fromAll: false });
          return;
        }
        // A profile problem shown under the row is answered by the new choice.
        const shown = get().outcomes[host];
        if (shown?.error && profileKinds.has(shown.error.kind)) setOutcome(host, null);
        await refresh();
      },

      async ssoThenLogin(host, profile) {
        setBusy(host, 'sso');
        const r = await call('ssoLogin', (a) => a.ssoLogin({ profile }));
        setBusy(host, null);
        if (!r.ok) {
          setOutcome(host, { result: 'failed', error: r.error, fromAll: get().outcomes[host]?.fromAll ?? false });
          return;
        }
        await get().login(host);
      },

      async startVmThenLogin(host) {
        setBusy(host, 'vm');
        const r = await call('restartVm', (a) => a.restartVm());
        setBusy(host, null);
        if (!r.ok) {
          setOutcome(host, { result: 'failed', error: r.error, fromAll: false });
          return;
        }
        await get().login(host);
      },

      async loginAll(mode = 'renew') {
        const registries = get().status?.registries ?? [];
        const now = Date.now();
        const hosts = loginAllHosts(registries, mode, (r) => liveState(r, now));
        const loggable = registries.filter(canLogIn).length;
        set((s) => ({
          loggingInAll: true,
          allError: null,
          allSummary: null,
          outcomes: {},
          busy: { ...s.busy, ...Object.fromEntries(hosts.map((h) => [h, 'login' as const])) },
        }));
        const r = await call('loginAll', (a) => a.loginAll(mode === 'relogin' ? { relogin: true } : {}));
        set((s) => {
          const busy = { ...s.busy };
          for (const h of hosts) if (busy[h] === 'login') delete busy[h];
          return { busy, loggingInAll: false };
        });
        if (!r.ok) {
          set({ allError: r.error });
          return;
        }
        const outcomes: Record<string, RowOutcome> = {};
        const summary: LoginAllSummary = { mode, loggedIn: 0, failed: 0, skipped: 0, leftAlone: Math.max(0, loggable - r.value.length) };
        for (const o of r.value) {
          outcomes[o.host] = { result: o.result, fromAll: true, ...(o.error ? { error: o.error } : {}), ...(o.profile ? { profile: o.profile } : {}) };
          if (o.result === 'logged-in') summary.loggedIn++;
          else if (o.result === 'failed') summary.failed++;
          else summary.skipped++;
        }
        set({ outcomes, allSummary: summary });
        await refresh();
      },

      async addRegistry(host) {
        const r = await call('addRegistry', (a) => a.addRegistry({ host }));
        if (r.ok) await refresh();
        return r;
      },

      async addEcrFromProfile(profile, regions) {
        const r = await call('addEcrFromProfile', (a) => a.addEcrFromProfile({ profile, regions }));
        if (r.ok) await refresh();
        return r;
      },

      askLogout: (host) => set({ confirmingLogout: host }),
      cancelLogout: () => set({ confirmingLogout: null }),
      askPassword: (prompt) => set({ passwordPrompt: prompt }),
      closePasswordPrompt: () => set({ passwordPrompt: null }),
      dismissOutcome: (host) => setOutcome(host, null),
      dismissAll: () => set({ allSummary: null, allError: null, outcomes: {} }),
    };
  };
}
