// The tray, as plain data: which icon, which tooltip, which menu — a pure function of the status snapshot and the
// shell's own state, so every line of the menu is unit-tested. main/app/tray.ts turns it into Electron objects.
import { loginAllHosts } from '../../shared/login-all';
import { liveState } from '../../shared/login-state';
import type { Platform, Profile, Registry, Status } from '../../shared/types';
import { registryName } from '../core/renew/registry-name';
import { formatRemaining } from '../../shared/format';
import { oneLine } from '../../shared/printable';
import { isRenewable, mfaProfile } from '../../shared/renew';
import type { Notice } from './notice-model';

export type TrayIcon = 'ok' | 'expiring' | 'broken' | 'busy';

export type TrayAction =
  | { id: 'login'; host: string }
  | { id: 'open-registry'; host: string }
  | { id: 'toggle-auto-renew'; host: string }
  | { id: 'login-all' }
  | { id: 'health-check' }
  | { id: 'restart-vm' }
  | { id: 'open-window' }
  | { id: 'open-notice'; noticeId: string }
  | { id: 'toggle-auto-renew-all' }
  | { id: 'toggle-start-at-login' }
  | { id: 'toggle-menu-bar-only' }
  | { id: 'quit' };

export type MenuItemSpec =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'checkbox'; label: string; enabled: boolean; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; enabled: boolean; items: MenuItemSpec[] };

export interface TrayInputs {
  platform: Platform;
  /** A login, a check or a VM restart is under way. */
  busy: boolean;
  now: Date;
  startAtLogin: boolean;
  startAtLoginSupported: boolean;
  menuBarOnly: boolean;
  autoRenewAll: boolean;
  autoRenewHosts: readonly string[];
  /** A fix changed finch.yaml: the VM must restart for Finch to read it. */
  restartPending: boolean;
  /** The last status read failed. */
  error?: string | null;
  /** Notices the system did not show as notifications (see notice-model.ts), newest first. */
  notices?: readonly Notice[];
}

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  items: MenuItemSpec[];
}

/** Registries listed in the menu; the rest are one "more" line (the window has them all). */
export const maxMenuRegistries = 10;
/** Windows cuts tray tooltips at 127 characters. */
export const maxTooltip = 127;

type Shown = 'logged-in' | 'expiring' | 'expired' | 'logged-out' | 'on-demand' | 'unknown';

/** The state now: a countdown crosses into "expiring" and "expired" without any file changing. */
export function currentState(r: Registry, now: Date): Shown {
  if (r.auth === 'cred-helper') return 'on-demand';
  return liveState(r, now.getTime());
}

const summaryWords: [Shown, string][] = [
  ['logged-in', 'logged in'],
  ['expiring', 'expiring'],
  ['expired', 'expired'],
  ['logged-out', 'logged out'],
  ['on-demand', 'on demand'],
  ['unknown', 'unknown'],
];

/** "3 logged in · 1 expiring · 1 expired" */
export function summaryLine(registries: readonly Registry[], now: Date): string {
  if (registries.length === 0) return 'No registries yet';
  const counts = new Map<Shown, number>();
  for (const r of registries) counts.set(currentState(r, now), (counts.get(currentState(r, now)) ?? 0) + 1);
  return summaryWords
    .filter(([s]) => counts.get(s))
    .map(([s, words]) => `${counts.get(s)} ${words}`)
    .join(' \u00b7 ');
}

/** "logged in · 7 h 12 m left", "expires in 25 m", "expired", "on demand (ecr-login)" */
export function stateText(r: Registry, now: Date): string {
  const left = r.expiresAt ? Date.parse(r.expiresAt) - now.getTime() : NaN;
  switch (currentState(r, now)) {
    case 'logged-in':
      return Number.isNaN(left) ? 'logged in' : `logged in \u00b7 ${formatRemaining(left)} left`;
    case 'expiring':
      return `expires in ${formatRemaining(left)}`;
    case 'expired':
      return 'expired';
    case 'logged-out':
      return 'logged out';
    case 'on-demand':
      return `on demand (${r.helper ?? 'helper'})`;
    case 'unknown':
      return 'state unknown';
  }
}

function isAutoRenewed(r: Registry, inputs: TrayInputs): boolean {
  return isRenewable(r) && (inputs.autoRenewAll || inputs.autoRenewHosts.includes(r.host));
}

export function trayIcon(status: Status | null, inputs: TrayInputs): TrayIcon {
  if (inputs.busy || (!status && !inputs.error)) return 'busy';
  if (!status || inputs.error) return 'broken';
  const states = status.registries.map((r) => [r, currentState(r, inputs.now)] as const);
  if (!status.finch.path || status.problems.length > 0 || states.some(([, s]) => s === 'expired')) return 'broken';
  // A login auto-renew will take care of is not the user's worry.
  if (states.some(([r, s]) => s === 'expiring' && !isAutoRenewed(r, inputs))) return 'expiring';
  return 'ok';
}

function registryItem(r: Registry, inputs: TrayInputs, profiles: readonly Profile[]): MenuItemSpec {
  const shown = currentState(r, inputs.now);
  const items: MenuItemSpec[] = [];
  if (shown === 'on-demand') {
    items.push({ type: 'normal', label: `Logins come from ${r.helper ?? 'a credential helper'}`, enabled: false });
  } else {
    const relogin = shown === 'logged-in' || shown === 'expiring';
    items.push({ type: 'normal', label: relogin ? 'Re-login' : 'Log in', enabled: !inputs.busy, action: { id: 'login', host: r.host } });
  }
  items.push({ type: 'normal', label: 'Show in Window', enabled: true, action: { id: 'open-registry', host: r.host } });
  if (isRenewable(r)) {
    items.push({
      type: 'checkbox',
      label: inputs.autoRenewAll ? 'Renew Automatically (on for all)' : 'Renew Automatically',
      checked: inputs.autoRenewAll || inputs.autoRenewHosts.includes(r.host),
      enabled: !inputs.autoRenewAll,
      action: { id: 'toggle-auto-renew', host: r.host },
    });
    const mfa = mfaProfile(r, profiles);
    if (mfa) items.push({ type: 'normal', label: `Profile \u201c${mfa}\u201d needs an MFA code: cannot renew without you`, enabled: false });
  }
  return { type: 'submenu', label: `${registryName(r.host)} \u2014 ${stateText(r, inputs.now)}`, enabled: true, items };
}

/**
 * Every label made safe to show: hosts, helper and profile names, notice titles and error messages come from files
 * we do not control, and a menu shows a line break or a bidi override (U+202E) as it is — a key
 * `rtl\u202eoi.lave` would read as another host. Done once over the whole menu so no label is missed.
 */
function escaped(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.map((i) => {
    if (i.type === 'separator') return i;
    if (i.type === 'submenu') return { ...i, label: oneLine(i.label), items: escaped(i.items) };
    return { ...i, label: oneLine(i.label) };
  });
}

export function trayModel(status: Status | null, inputs: TrayInputs): TrayModel {
  const icon = trayIcon(status, inputs);
  const summary = inputs.error ? 'Cannot read the login status' : status ? summaryLine(status.registries, inputs.now) : 'Reading the login status\u2026';
  const items: MenuItemSpec[] = [{ type: 'normal', label: inputs.busy ? `${summary} \u00b7 working\u2026` : summary, enabled: false }];

  if (inputs.error) items.push({ type: 'normal', label: inputs.error, enabled: false });
  // Notifications the system would not show (not allowed, unsupported): the tray keeps them until clicked.
  for (const n of inputs.notices ?? []) items.push({ type: 'normal', label: `\u26a0 ${n.title}\u2026`, enabled: true, action: { id: 'open-notice', noticeId: n.id } });
  if (status && !status.finch.path) items.push({ type: 'normal', label: 'Finch is not installed or not found', enabled: false });
  if (status && status.problems.length > 0) {
    const n = status.problems.length;
    items.push({ type: 'normal', label: `${n} problem${n === 1 ? '' : 's'} in your files\u2026`, enabled: true, action: { id: 'open-window' } });
  }

  if (status && status.registries.length > 0) {
    items.push({ type: 'separator' });
    for (const r of status.registries.slice(0, maxMenuRegistries)) items.push(registryItem(r, inputs, status.profiles));
    const more = status.registries.length - maxMenuRegistries;
    if (more > 0) items.push({ type: 'normal', label: `${more} more in the window\u2026`, enabled: true, action: { id: 'open-window' } });
  }

  items.push(
    { type: 'separator' },
    // As in the window: renews what is expired, expiring or logged out (shared/login-all.ts); nothing due, nothing to do.
    { type: 'normal', label: 'Log In to All', enabled: !inputs.busy && !!status && loginAllHosts(status.registries, 'renew').length > 0, action: { id: 'login-all' } },
    { type: 'normal', label: 'Run Health Check', enabled: !inputs.busy, action: { id: 'health-check' } },
  );
  // Finch on Linux has no VM: containers run on the host.
  if (inputs.platform !== 'linux') {
    const vmExists = !status || (status.finch.vm !== 'nonexistent' && !!status.finch.path);
    items.push({
      type: 'normal',
      label: inputs.restartPending ? 'Restart VM \u2014 restart required' : 'Restart VM',
      enabled: !inputs.busy && vmExists,
      action: { id: 'restart-vm' },
    });
  }

  items.push(
    { type: 'separator' },
    { type: 'normal', label: 'Open Finch Logins', enabled: true, action: { id: 'open-window' } },
    { type: 'checkbox', label: 'Renew ECR Logins Automatically', checked: inputs.autoRenewAll, enabled: true, action: { id: 'toggle-auto-renew-all' } },
    { type: 'checkbox', label: 'Start at Login', checked: inputs.startAtLogin, enabled: inputs.startAtLoginSupported, action: { id: 'toggle-start-at-login' } },
  );
  if (inputs.platform === 'darwin') {
    items.push({ type: 'checkbox', label: 'Hide Dock Icon', checked: inputs.menuBarOnly, enabled: true, action: { id: 'toggle-menu-bar-only' } });
  }
  items.push({ type: 'separator' }, { type: 'normal', label: 'Quit Finch Logins', enabled: true, action: { id: 'quit' } });

  const tooltip = oneLine(`Finch Logins \u2014 ${summary}${inputs.busy ? ' (working\u2026)' : ''}`);
  return { icon, tooltip: tooltip.length > maxTooltip ? `${tooltip.slice(0, maxTooltip - 1)}\u2026` : tooltip, items: escaped(items) };
}
