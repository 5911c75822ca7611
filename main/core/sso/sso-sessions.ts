// The IAM Identity Center sessions the user can sign in to: `[sso-session NAME]` sections of ~/.aws/config, legacy
// profiles that carry `sso_start_url` + `sso_region` themselves, and start URLs typed once in the app (remembered in
// the app's state, never written to ~/.aws/config). Each has the id the app uses for it and the name the AWS CLI
// keys its token cache on (token-cache.ts).
import type { AwsProfiles } from '../aws/profiles';
import { Failure } from '../failure';
import type { AppState } from '../state/app-state';
import { regionPattern } from '../../../shared/registry-host';

export type SsoSource = 'sso-session' | 'profile' | 'typed';

export interface SsoSession {
  /** `session:NAME` for an sso-session, `url:START_URL` for a legacy profile or a typed start URL. */
  id: string;
  /** The sso-session name; null for legacy profiles and typed start URLs (their cache is keyed on the start URL). */
  name: string | null;
  startUrl: string;
  region: string;
  /** `sso_registration_scopes`, comma-separated in the file (awscli/customizations/sso/utils.py). */
  scopes: string[];
  source: SsoSource;
  /** Profiles of ~/.aws/config that use this session. */
  profiles: string[];
}

/**
 * The scope that makes Identity Center issue a refresh token (what `aws configure sso` writes as
 * sso_registration_scopes). Used when the session names none: without it the session could not be renewed.
 */
export const defaultScopes = ['sso:account:access'];

const startUrlPattern = /^https:\/\/[^\s/]+(\/\S*)?$/;

export const sessionIdOf = (s: { name: string | null; startUrl: string }): string => (s.name !== null ? `session:${s.name}` : `url:${s.startUrl}`);

function parseScopes(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function listSsoSessions(aws: AwsProfiles, state: AppState): SsoSession[] {
  const out: SsoSession[] = [];
  const byId = new Map<string, SsoSession>();
  const add = (s: Omit<SsoSession, 'id' | 'profiles'>, profile?: string) => {
    const id = sessionIdOf(s);
    let session = byId.get(id);
    if (!session) {
      session = { ...s, id, profiles: [] };
      byId.set(id, session);
      out.push(session);
    }
    if (profile && !session.profiles.includes(profile)) session.profiles.push(profile);
  };
  for (const [name, settings] of aws.ssoSessions) {
    if (settings.sso_start_url && settings.sso_region) {
      add({ name, startUrl: settings.sso_start_url, region: settings.sso_region, scopes: parseScopes(settings.sso_registration_scopes), source: 'sso-session' });
    }
  }
  for (const p of aws.profiles) {
    const d = aws.details.get(p.name) ?? {};
    if (d.sso_session) {
      if (byId.has(`session:${d.sso_session}`)) byId.get(`session:${d.sso_session}`)!.profiles.push(p.name);
    } else if (d.sso_start_url && d.sso_region) {
      add({ name: null, startUrl: d.sso_start_url, region: d.sso_region, scopes: [], source: 'profile' }, p.name);
    }
  }
  for (const t of state.sso?.typed ?? []) add({ name: null, startUrl: t.startUrl, region: t.region, scopes: [], source: 'typed' });
  return out;
}

export function findSession(sessions: SsoSession[], id: string): SsoSession {
  const s = sessions.find((x) => x.id === id);
  if (!s) {
    throw new Failure('sso-session-missing', `The IAM Identity Center session "${id.replace(/^(session|url):/, '')}" is not in ~/.aws/config any more.`, 'Pick another session, or type the start URL and region.', { session: id });
  }
  return s;
}

/** The one session to use when the user named none (the CLI's default), or a usage-style failure listing them. */
export function onlySession(sessions: SsoSession[]): SsoSession {
  if (sessions.length === 1) return sessions[0]!;
  if (sessions.length === 0) {
    throw new Failure('sso-no-session', 'No IAM Identity Center session is set up.', 'Add an [sso-session] to ~/.aws/config, or sign in with --start-url URL --region REGION.');
  }
  throw new Failure('sso-pick-session', `Several IAM Identity Center sessions are set up: ${sessions.map((s) => s.name ?? s.startUrl).join(', ')}.`, 'Name one with --session.');
}

/** A start URL and region typed by the user, checked before anything is sent anywhere. */
export function typedSession(startUrl: string, region: string): Omit<SsoSession, 'id' | 'profiles'> & { id: string } {
  const url = startUrl.trim();
  if (!startUrlPattern.test(url)) {
    throw new Failure('sso-bad-start-url', `"${url}" is not a start URL.`, 'Copy the AWS access portal URL from IAM Identity Center, e.g. https://my-org.awsapps.com/start.');
  }
  if (!regionPattern.test(region)) throw new Failure('sso-bad-region', `"${region}" is not an AWS region.`, 'Use the region of your IAM Identity Center, e.g. eu-west-1.');
  return { id: sessionIdOf({ name: null, startUrl: url }), name: null, startUrl: url, region, scopes: [], source: 'typed' };
}

/** What the user calls the session: its name, or the start URL's host. */
export function sessionLabel(s: Pick<SsoSession, 'name' | 'startUrl'>): string {
  if (s.name !== null) return s.name;
  try {
    return new URL(s.startUrl).host;
  } catch {
    return s.startUrl;
  }
}
