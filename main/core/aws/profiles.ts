// The AWS profiles the AWS CLI would list, in its order, with region and kind: botocore's load_config
// (config file) and Session.full_config (credentials file merged over it). Read-only, and no AWS SDK here:
// this runs on every status refresh and must stay fast.
import { readFile } from 'node:fs/promises';
import type { Problem, Profile } from '../../../shared/types';
import type { Paths } from '../paths';
import { classifyProfile } from './classify';
import { parseIni, type AwsFileKind, type IniSections, type IniValue } from './ini';
import { shlexSplit } from './shlex';

export interface AwsProfiles {
  /** Same names and order as `aws configure list-profiles`. */
  profiles: Profile[];
  problems: Problem[];
  /** Merged settings per profile (credentials file over config file). Nested blocks and secrets left out. */
  details: Map<string, Record<string, string>>;
  /** `[sso-session NAME]` sections of the config file, which sso profiles refer to with `sso_session`. */
  ssoSessions: Map<string, Record<string, string>>;
}

type Settings = Map<string, IniValue>;

/** Never copied into details: the login engine reads them through the SDK, and details may end up in a snapshot. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

const REFUSED = 'The AWS CLI refuses this file too ("Unable to parse config file"), so none of its profiles can be used until it is fixed.';

/** A problem for which the AWS CLI refuses every profile (a file it cannot parse), not one it ignores (unreadable). */
export function refusedByAwsCli(problem: Problem): boolean {
  return problem.message.endsWith(REFUSED);
}

export async function readAwsProfiles(paths: Paths): Promise<AwsProfiles> {
  // Both files at once, but problems in a fixed order (config first) whichever read finishes first.
  const configProblems: Problem[] = [];
  const credentialsProblems: Problem[] = [];
  const [config, credentials] = await Promise.all([
    readIniFile(paths.awsConfig, 'config', configProblems),
    readIniFile(paths.awsCredentials, 'credentials', credentialsProblems),
  ]);
  const problems = [...configProblems, ...credentialsProblems];
  const { profiles: configProfiles, ssoSessions } = buildProfileMap(config);

  // Session.full_config: credentials sections are profiles by their verbatim name, merged over (and after) config ones.
  const merged = new Map<string, Settings>();
  for (const [name, settings] of configProfiles) merged.set(name, new Map(settings));
  for (const [name, settings] of credentials) {
    const into = merged.get(name) ?? new Map<string, IniValue>();
    for (const [k, v] of settings) into.set(k, v);
    merged.set(name, into);
  }

  const profiles: Profile[] = [];
  const details = new Map<string, Record<string, string>>();
  for (const [name, settings] of merged) {
    const region = settings.get('region');
    profiles.push({
      name,
      // `aws configure get region` prints nothing useful for an empty value and fails for a nested block.
      region: typeof region === 'string' && region !== '' ? region : null,
      type: classifyProfile(settings, credentials.get(name)),
      ...declaredFacts(settings),
      ...(needsMfa(name, merged) ? { mfa: true as const } : {}),
    });
    details.set(name, flatStrings(settings, SECRET_KEYS));
  }
  return {
    profiles,
    problems,
    details,
    ssoSessions: new Map([...ssoSessions].map(([name, s]) => [name, flatStrings(s, SECRET_KEYS)])),
  };
}

/** A file's sections; a missing file is empty, an unreadable or malformed one is empty plus a problem (the CLI refuses it). */
async function readIniFile(file: string, kind: AwsFileKind, problems: Problem[]): Promise<IniSections> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    // botocore checks os.path.isfile and treats anything else as absent; so do we, except for real read failures.
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    problems.push({
      file,
      message: `This file could not be read (${code}): check that it is a file you can read. The AWS CLI cannot read it either and ignores it, so its profiles are missing.`,
    });
    return new Map();
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') {
    problems.push({ file, message: `Line ${text.badLine}: the file is not valid UTF-8 text: save it again as UTF-8. ${REFUSED}` });
    return new Map();
  }
  const parsed = parseIni(text, kind);
  if (!parsed.ok) {
    problems.push({ file, message: `${parsed.error.message}. ${REFUSED}` });
    return new Map();
  }
  return parsed.sections;
}

/** UTF-8 (what Python uses on macOS and in UTF-8 locales), keeping a BOM so the parser can reject it like Python does. */
function decodeUtf8(bytes: Buffer): string | { badLine: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      try {
        decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
      } catch {
        return { badLine: line };
      }
      if (end < 0) return { badLine: line };
      start = end + 1;
    }
  }
}

/**
 * botocore's build_profile_map for the config file: `[default]`, and `[profile NAME]`/`[sso-session NAME]` where
 * shlex splits the section name into exactly two words (so `[profilefoo bar]` is profile "bar"). Any other
 * section is not a profile. A later section for the same name replaces an earlier one but keeps its place.
 */
function buildProfileMap(sections: IniSections): { profiles: Map<string, Settings>; ssoSessions: Map<string, Settings> } {
  const profiles = new Map<string, Settings>();
  const ssoSessions = new Map<string, Settings>();
  for (const [section, settings] of sections) {
    const target = section.startsWith('profile') ? profiles : section.startsWith('sso-session') ? ssoSessions : null;
    if (target) {
      const words = shlexSplit(section);
      if (words?.length === 2) target.set(words[1] as string, settings);
    } else if (section === 'default') {
      profiles.set(section, settings);
    }
  }
  return { profiles, ssoSessions };
}

function flatStrings(settings: Settings, leaveOut: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries([...settings].filter((e): e is [string, string] => typeof e[1] === 'string' && !leaveOut.has(e[0])));
}

const text = (settings: Settings, key: string): string | undefined => {
  const v = settings.get(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** What a profile says about where it signs in, with no call to AWS. */
function declaredFacts(settings: Settings): Pick<Profile, 'accountId' | 'roleName' | 'ssoSession'> {
  const arn = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(text(settings, 'role_arn') ?? '');
  const ssoAccount = text(settings, 'sso_account_id');
  const accountId = ssoAccount && /^\d{12}$/.test(ssoAccount) ? ssoAccount : arn?.[1];
  const roleName = text(settings, 'sso_role_name') ?? arn?.[2];
  const ssoSession = text(settings, 'sso_session') ?? text(settings, 'sso_start_url');
  return { ...(accountId ? { accountId } : {}), ...(roleName ? { roleName } : {}), ...(ssoSession ? { ssoSession } : {}) };
}

/**
 * The AWS SDK (credential-provider-ini resolveAssumeRoleCredentials) asks for a code when a profile with `role_arn`
 * has `mfa_serial`, and resolves `source_profile` the same way first; `mfa_serial` anywhere else is not used.
 */
function needsMfa(name: string, profiles: ReadonlyMap<string, Settings>, seen = new Set<string>()): boolean {
  const settings = profiles.get(name);
  if (!settings || seen.has(name) || !text(settings, 'role_arn')) return false;
  if (text(settings, 'mfa_serial')) return true;
  seen.add(name);
  const source = text(settings, 'source_profile');
  return source ? needsMfa(source, profiles, seen) : false;
}
