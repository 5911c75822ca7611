// The whole store's shape: every slice sees it, so one slice's action can read another's state.
import type { HealthSlice } from './health-slice';
import type { LoginSlice } from './login-slice';
import type { NavSlice } from './nav-slice';
import type { SettingsSlice } from './settings-slice';
import type { SsoSlice } from './sso-slice';
import type { StatusSlice } from './status-slice';

export type AppState = StatusSlice & NavSlice & HealthSlice & LoginSlice & SettingsSlice & SsoSlice;
