// How the snapshot's values read in the window: the words a user sees for each kind, source, state and type.
import type { AuthSource, LoginState, ProfileType, Registry, RegistryKind, Status, VmStatus } from '../shared/types';
import { canLogIn } from '../shared/login-all';

// The countdown's words, shared with the CLI and the tray.
export { formatRemaining, plural } from '../shared/format';

export const kindLabel: Record<RegistryKind, string> = {
  ecr: 'Amazon ECR',
  'ecr-public': 'ECR Public',
  'docker-hub': 'Docker Hub',
  other: 'Registry',
};

export const authLabel: Record<AuthSource, string> = {
  'cred-helper': 'Credential helper',
  'creds-store': 'Credentials store',
  plaintext: 'Plaintext in config.json',
  none: 'No login stored',
};

export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

export interface StateView {
  label: string;
  tone: Tone;
  /** Why the state is what it is, for the tooltip. */
  detail: string;
}

export function stateView(r: Registry): StateView {
  const states: Record<LoginState, StateView> = {
    'logged-in': { label: 'Logged in', tone: 'good', detail: 'A login for this registry is stored.' },
    expiring: { label: 'Expiring', tone: 'warn', detail: 'The stored login expires within the hour.' },
    expired: { label: 'Expired', tone: 'bad', detail: 'The stored login has expired; Finch will be refused.' },
    'logged-out': { label: 'Logged out', tone: 'neutral', detail: 'No login for this registry is stored.' },
    unknown: { label: 'Unknown', tone: 'neutral', detail: 'The credentials store could not be asked.' },
  };
  // A per-registry helper (ecr-login) has nothing stored: it fetches a token each time Finch needs one.
  if (r.auth === 'cred-helper' && r.state === 'unknown') {
    return { label: 'On demand', tone: 'info', detail: `${r.helper ?? 'The helper'} gets credentials each time Finch needs them.` };
  }
  // With a store, the store is all docker asks: say which one holds (or lacks) the login.
  if (r.auth === 'creds-store' && r.helper && (r.state === 'logged-in' || r.state === 'logged-out')) {
    return { ...states[r.state], detail: r.state === 'logged-in' ? `${r.helper} holds a login for this registry.` : `${r.helper} holds no login for this registry.` };
  }
  return states[r.state];
}

export const vmLabel: Record<VmStatus, string> = {
  running: 'Running',
  stopped: 'Stopped',
  nonexistent: 'Not created',
  unknown: 'Unknown',
};

export const vmTone: Record<VmStatus, Tone> = {
  running: 'good',
  stopped: 'neutral',
  nonexistent: 'warn',
  unknown: 'neutral',
};

export const profileTypeLabel: Record<ProfileType, string> = {
  static: 'Access keys',
  sso: 'IAM Identity Center (SSO)',
  'assume-role': 'Assume role',
  process: 'Credential process',
  other: 'Other',
};

/**
 * The user's home folder, when the snapshot reveals it: on macOS finch.yaml always sits in ~/.finch. Elsewhere
 * the files are system or root's paths, shown in full.
 */
export function homeOf(status: Status): string | null {
  if (status.platform !== 'darwin') return null;
  const suffix = '/.finch/finch.yaml';
  return status.finch.yamlFile.endsWith(suffix) ? status.finch.yamlFile.slice(0, -suffix.length) : null;
}

/** "~/.finch/config.json" for a file in the home folder; any other path unchanged. */
export function displayPath(file: string, home: string | null): string {
  if (home && home !== '/' && file.startsWith(home + '/')) return '~' + file.slice(home.length);
  return file;
}


/** A long path cut in the middle, keeping its first folder and its last ones: "/tmp/…/usr/local/bin/finch". */
export function shortPath(file: string, max = 36): string {
  if (file.length <= max) return file;
  const sep = file.includes('\\') && !file.includes('/') ? '\\' : '/';
  const parts = file.split(sep);
  const head = parts[0] === '' ? sep + (parts[1] ?? '') : parts[0]!;
  let tail = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i > 1; i--) {
    const next = parts[i] + sep + tail;
    if (head.length + 2 + next.length > max) break;
    tail = next;
  }
  return `${head}${sep}…${sep}${tail}`;
}

/** What auto-renew does with such a login, in words: in full in Settings, shorter under a row's switch. */
export const mfaRenewNote = (profile: string, short = false) =>
  `Profile “${profile}” ${short ? 'needs' : 'asks for'} an MFA code: auto-renew cannot renew without you` +
  (short ? '.' : '. When the login is due you get a notification; type the code in the window to log in again.');

/** Rows whose credential helper (ecr-login …) fetches a token each time Finch needs one: nothing to log in to. */
export const onDemand = (r: Registry): boolean => !canLogIn(r);

/** Rows that log in with an AWS profile: private ECR and ECR Public, when no helper does it on demand. */
export const usesProfile = (r: Registry): boolean => (r.kind === 'ecr' || r.kind === 'ecr-public') && !onDemand(r);

/** Rows that log in with a username and a password or token (Docker Hub, any other registry). */
export const usesPassword = (r: Registry): boolean => (r.kind === 'docker-hub' || r.kind === 'other') && !onDemand(r);
