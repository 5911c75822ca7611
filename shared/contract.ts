// The one contract between the renderer and main: every channel's request and response, and every push event.
// It is type-only plus the channel names, so the preload can import it without pulling in zod or Node code.
// Request schemas live in shared/schemas.ts, keyed by the same names (drift is a type error there).
import type { FixId } from './ids';
import type {
  Check, Diagnostics, FixPreview, FixResult, LoginOutcome, LoginRequest, LogoutRequest, Result, SsoAccounts, SsoAuthorization, SsoRoleBinding,
  SsoSessionInfo, Status, UndoResult, VmLogLine, VmStatus,
} from './types';

export interface Channels {
  getStatus: { request: void; response: Status };
  login: { request: LoginRequest; response: LoginOutcome };
  /** "Log in to all": what is expired, expiring or logged out; `relogin` redoes every login (shared/login-all.ts). */
  loginAll: { request: { relogin?: boolean }; response: LoginOutcome[] };
  logout: { request: LogoutRequest; response: void };
  setProfile: { request: { host: string; profile: string | null }; response: void };
  addRegistry: { request: { host: string }; response: string };
  addEcrFromProfile: { request: { profile: string; regions: string[] }; response: string[] };
  ssoLogin: { request: { profile: string }; response: void };
  runChecks: { request: void; response: Check[] };
  previewFix: { request: { fixId: FixId }; response: FixPreview };
  applyFix: { request: { fixId: FixId; token: string }; response: FixResult };
  undo: { request: void; response: UndoResult };
  restartVm: { request: void; response: VmStatus };
  getSettings: { request: void; response: AppSettings };
  setSettings: { request: SettingsChange; response: AppSettings };
  setAutoRenew: { request: { host: string; enabled: boolean }; response: AppSettings };
  /** IAM Identity Center sessions from ~/.aws/config (and start URLs typed before), and whether the user is signed in. */
  ssoSessions: { request: void; response: SsoSessionInfo[] };
  /** Starts a sign-in and opens the browser; the code to show comes back at once. */
  ssoSignIn: { request: { session: string } | { startUrl: string; region: string }; response: SsoAuthorization };
  /** Waits until the user approved (or denied, or the code expired). */
  ssoFinishSignIn: { request: { session: string }; response: SsoSessionInfo };
  ssoCancelSignIn: { request: { session: string }; response: void };
  ssoAccounts: { request: { session: string; refresh?: boolean }; response: SsoAccounts };
  /** Remembers the role picked for an account. */
  ssoSetRole: { request: SsoRoleBinding; response: void };
  /** Adds the ECR registries of the picked accounts in the picked regions, each bound to its picked role. */
  ssoAddRegistries: { request: { session: string; accounts: { accountId: string; roleName: string }[]; regions: string[] }; response: string[] };
  /** Gathers the diagnostics a support request needs and copies them to the clipboard. */
  copyDiagnostics: { request: void; response: Diagnostics };
}

/** The menu-bar app's settings, as the window and the tray show them. */
export interface AppSettings {
  /** Open Finch Logins (in the menu bar, without its window) when the user logs in to the computer. */
  startAtLogin: boolean;
  /** False where no OS switch is reachable (e.g. the window opened outside the app). */
  startAtLoginSupported: boolean;
  /** macOS: no Dock icon, only the menu-bar item. */
  menuBarOnly: boolean;
  /** Renew every ECR and ECR Public login this app made, before it expires. */
  autoRenewAll: boolean;
  /** Registries opted in one by one. */
  autoRenewHosts: string[];
  /** How long before expiry a login is renewed. */
  renewBeforeMinutes: number;
}

export type SettingsChange = Partial<Pick<AppSettings, 'startAtLogin' | 'menuBarOnly' | 'autoRenewAll' | 'renewBeforeMinutes'>>;

export interface Events {
  statusChanged: Status;
  vmLog: VmLogLine;
  /** Show this registry (a notification or the tray asked for it). */
  focusRegistry: { host: string };
  settingsChanged: AppSettings;
}

export type Channel = keyof Channels;
export type EventName = keyof Events;
export type RequestOf<C extends Channel> = Channels[C]['request'];
export type ResponseOf<C extends Channel> = Channels[C]['response'];

/** The object the preload exposes as `window.finchLogins`: one method per channel, plus event subscription. */
export type Api = {
  [C in Channel]: RequestOf<C> extends void
    ? () => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  /** Subscribe to a push event; returns the unsubscribe function. The listener never sees the IPC event object. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

// Listed once here so the preload and the main-side checks enumerate the same set; `satisfies` keeps it complete.
export const channelNames = ['getStatus', 'login', 'loginAll', 'logout', 'setProfile', 'addRegistry', 'addEcrFromProfile', 'ssoLogin',
  'runChecks', 'previewFix', 'applyFix', 'undo', 'restartVm',
  'getSettings', 'setSettings', 'setAutoRenew',
  'ssoSessions', 'ssoSignIn', 'ssoFinishSignIn', 'ssoCancelSignIn', 'ssoAccounts', 'ssoSetRole', 'ssoAddRegistries', 'copyDiagnostics',
] as const satisfies readonly Channel[];
export const eventNames = ['statusChanged', 'vmLog', 'focusRegistry', 'settingsChanged'] as const satisfies readonly EventName[];

type Missing<T extends string, L extends readonly string[]> = Exclude<T, L[number]>;
// Compile-time check that the name lists cover every channel and event.
export const contractIsComplete: [Missing<Channel, typeof channelNames>, Missing<EventName, typeof eventNames>] extends [never, never]
  ? true
  : never = true;

export const ipcPrefix = 'finch-logins:';
export const channelId = (name: Channel | EventName): string => ipcPrefix + name;
