// finch-logins sso sessions [--json]
// finch-logins sso login [--session NAME | --start-url URL --region REGION]
// finch-logins sso accounts [--session NAME] [--search TEXT] [--refresh] [--json]
// finch-logins sso add <account>[:<role>]... --regions R1,R2 [--role ROLE] [--session NAME] [--json]
// IAM Identity Center without the AWS CLI: the device sign-in prints the page to open and the code to check.
import { plural } from '../../shared/format';
import type { SsoAccountInfo } from '../../shared/types';
import { UsageError, type Env } from '../core/env';
import { regionPattern } from '../../shared/registry-host';
import { addSsoRegistries, createSignIns, readSessions, ssoAccounts, ssoSessions } from '../core/sso/sso-service';
import { onlySession } from '../core/sso/sso-sessions';
import { parseArgs } from './args';
import { reportFailure, type Output } from './output';
import { table } from './table';

const subcommands = 'sessions, login, accounts, add';

/** `--session` takes the session's name or start URL (or the app's id for it); without it, the only session. */
async function sessionId(env: Env, given: string | boolean | undefined): Promise<string> {
  const { sessions } = await readSessions(env);
  if (typeof given !== 'string') return onlySession(sessions).id;
  const match = sessions.find((s) => s.id === given || s.name === given || s.startUrl === given);
  if (!match) throw new UsageError(`no IAM Identity Center session "${given}" (known: ${sessions.map((s) => s.name ?? s.startUrl).join(', ') || 'none'})`);
  return match.id;
}

export async function ssoCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'sessions':
      return sessionsCommand(rest, env, out);
    case 'login':
      return loginCommand(rest, env, out);
    case 'accounts':
      return accountsCommand(rest, env, out);
    case 'add':
      return addCommand(rest, env, out);
    default:
      throw new UsageError(sub ? `unknown sso command "${sub}" (use ${subcommands})` : `sso needs a command: ${subcommands}`);
  }
}

async function sessionsCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { json: 'boolean' });
  if (positionals.length) throw new UsageError('sso sessions takes no arguments');
  const list = await ssoSessions(env);
  if (flags.json) out.stdout(JSON.stringify({ sessions: list }, null, 2));
  else if (list.length === 0) out.stdout('No IAM Identity Center session in ~/.aws/config. Sign in with: finch-logins sso login --start-url URL --region REGION');
  else out.stdout(table(['SESSION', 'START URL', 'REGION', 'STATE'], list.map((s) => [s.label, s.startUrl, s.region, s.state + (s.expiresAt ? ` until ${s.expiresAt}` : '')])));
  return 0;
}

async function loginCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { session: 'string', 'start-url': 'string', region: 'string' });
  if (positionals.length) throw new UsageError('sso login takes no arguments (use --session or --start-url)');
  const typed = typeof flags['start-url'] === 'string';
  if (typed !== (typeof flags.region === 'string')) throw new UsageError('--start-url and --region go together');
  if (typed && flags.session) throw new UsageError('use --session or --start-url, not both');
  const signIns = createSignIns(env);
  try {
    const target = typed ? { startUrl: flags['start-url'] as string, region: flags.region as string } : { session: await sessionId(env, flags.session) };
    const auth = await signIns.start(target);
    out.stdout(`To sign in, open this page in your browser:\n\n  ${auth.verificationUri}\n\nand check that it shows the code:\n\n  ${auth.userCode}\n\nWaiting for you to approve (until ${auth.expiresAt})…`);
    const done = await signIns.finish(auth.session);
    out.stdout(`Signed in to ${done.label}${done.expiresAt ? ` until ${done.expiresAt}` : ''}${done.canRefresh ? ' (renewed automatically while the session lasts)' : ''}.`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return reportFailure(out, e, false);
  }
}

function matches(a: SsoAccountInfo, search: string): boolean {
  const q = search.toLowerCase();
  return a.accountId.includes(q) || a.accountName.toLowerCase().includes(q) || a.emailAddress.toLowerCase().includes(q);
}

async function accountsCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { session: 'string', search: 'string', refresh: 'boolean', json: 'boolean' });
  if (positionals.length) throw new UsageError('sso accounts takes no arguments (use --search TEXT)');
  try {
    const list = await ssoAccounts(env, await sessionId(env, flags.session), { refresh: !!flags.refresh });
    const accounts = typeof flags.search === 'string' ? list.accounts.filter((a) => matches(a, flags.search as string)) : list.accounts;
    if (flags.json) out.stdout(JSON.stringify({ ...list, accounts }, null, 2));
    else {
      const roles = (a: SsoAccountInfo) => (a.roles.length ? a.roles.map((r) => (r === a.role ? `${r}*` : r)).join(', ') : '(no role for you here)');
      out.stdout(`${table(['ACCOUNT', 'NAME', 'ROLES (* picked before)'], accounts.map((a) => [a.accountId, a.accountName, roles(a)]))}\n\n${accounts.length} of ${plural(list.accounts.length, 'account')}, listed ${list.fetchedAt}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return reportFailure(out, e, !!flags.json);
  }
}

async function addCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { session: 'string', role: 'string', regions: 'string', json: 'boolean' });
  if (positionals.length === 0) throw new UsageError('name at least one account id (optionally account:role)');
  if (typeof flags.regions !== 'string') throw new UsageError('--regions R1,R2 is required');
  const regions = flags.regions.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = regions.find((r) => !regionPattern.test(r));
  if (bad || regions.length === 0) throw new UsageError(`not an AWS region: "${bad ?? ''}"`);
  const wanted = positionals.map((p) => {
    const [accountId, role] = p.split(':', 2) as [string, string | undefined];
    if (!/^\d{12}$/.test(accountId)) throw new UsageError(`"${p}" is not an account id (12 digits, optionally :role)`);
    return { accountId, role: role ?? (typeof flags.role === 'string' ? flags.role : undefined) };
  });
  try {
    const session = await sessionId(env, flags.session);
    const { accounts } = await ssoAccounts(env, session);
    const picks = wanted.map(({ accountId, role }) => {
      const a = accounts.find((x) => x.accountId === accountId);
      if (!a) throw new UsageError(`account ${accountId} is not one you can reach through this session (see: finch-logins sso accounts)`);
      if (a.roles.length === 0) throw new UsageError(`IAM Identity Center gives you no role in account ${accountId} (${a.accountName})`);
      const roleName = role ?? a.role ?? (a.roles.length === 1 ? a.roles[0]! : undefined);
      if (!roleName) throw new UsageError(`account ${accountId} has several roles (${a.roles.join(', ')}): pick one with ${accountId}:ROLE or --role`);
      if (!a.roles.includes(roleName)) throw new UsageError(`role ${roleName} is not yours in account ${accountId} (yours: ${a.roles.join(', ')})`);
      return { accountId, roleName };
    });
    const hosts = await addSsoRegistries(env, session, picks, regions);
    out.stdout(flags.json ? JSON.stringify({ added: hosts }, null, 2) : `${hosts.map((h) => `added    ${h}`).join('\n')}\n\nLog in with: finch-logins login --all`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return reportFailure(out, e, !!flags.json);
  }
}
