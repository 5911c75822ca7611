// finch-logins status [--json]: the status every shell renders, as a table or as JSON.
import { brokenConfigNextStep, configBlocksChanges } from '../../shared/config-file';
import { configNeedsRootNote, formatRemaining } from '../../shared/format';
import type { Registry, Status } from '../../shared/types';
import { UsageError, type Env } from '../core/env';
import { readStatus } from '../core/status';
import { parseArgs } from './args';
import { oneLine, reportFailure, type Output } from './output';
import { table } from './table';

export async function statusCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { json: 'boolean' });
  if (positionals.length > 0) throw new UsageError(`status takes no arguments (got "${positionals[0]}")`);
  let status: Status;
  try {
    status = await readStatus(env);
  } catch (e) {
    return reportFailure(out, e, !!flags.json);
  }
  out.stdout(flags.json ? JSON.stringify(status, null, 2) : renderStatus(status, env.now()));
  return 0;
}

export function describeAuth(r: Registry): string {
  return sourceOf(r) + (r.plaintextShadowed ? ', plaintext in config.json unused' : '');
}

function sourceOf(r: Registry): string {
  switch (r.auth) {
    case 'cred-helper':
      return `helper ${r.helper}`;
    case 'creds-store':
      return `store ${r.helper}${r.username ? ` (${r.username})` : ''}`;
    case 'plaintext':
      return `plaintext${r.username ? ` (${r.username})` : ''}`;
    case 'none':
      return '-';
  }
}

export function describeState(r: Registry, now: Date): string {
  if (!r.expiresAt || (r.state !== 'logged-in' && r.state !== 'expiring')) return r.state;
  return `${r.state}, ${formatRemaining(Date.parse(r.expiresAt) - now.getTime())} left`;
}

export function renderStatus(s: Status, now: Date): string {
  const f = s.finch;
  const lines: string[] = [];
  lines.push(
    f.path
      ? `Finch ${oneLine(f.version ?? '(version unknown)')} at ${oneLine(f.path)}${s.platform === 'linux' ? '' : `, VM ${f.vm}`}`
      : 'Finch: not found (install it from https://runfinch.com, or set FINCH_LOGINS_FINCH to its path)',
  );
  lines.push(
    configBlocksChanges(f)
      ? `Config: ${oneLine(f.configFile)} is broken (see Problems below), so its credsStore and logins are unknown. ${brokenConfigNextStep}`
      : `Config: ${oneLine(f.configFile)}${f.credsStore ? ` (credsStore: ${oneLine(f.credsStore)})` : ''}`,
  );
  if (f.configNeedsRoot) lines.push(`  ${configNeedsRootNote}`);
  lines.push(`finch.yaml: ${oneLine(f.yamlFile)}${f.yamlCredsHelpers.length ? ` (creds_helpers: ${oneLine(f.yamlCredsHelpers.join(', '))})` : ''}`);
  lines.push('');
  if (s.registries.length === 0) {
    lines.push('No registries yet. Log in with `finch-logins login <host>` or `finch login`, and they will be listed here.');
  } else {
    lines.push(
      table(
        ['REGISTRY', 'KIND', 'ACCOUNT/REGION', 'AUTH', 'PROFILE', 'STATE'],
        s.registries.map((r) => [
          r.host,
          r.kind,
          r.accountId ? `${r.accountId} ${r.region}` : '-',
          describeAuth(r),
          r.profile ?? (r.sso ? `${r.sso.roleName}@${r.sso.accountId} (Identity Center)` : '-'),
          describeState(r, now),
        ]),
      ),
    );
  }
  const shadowed = s.registries.filter((r) => r.plaintextShadowed);
  if (shadowed.length > 0) {
    lines.push(
      '',
      `config.json also holds a password in plain text for ${shadowed.map((r) => oneLine(r.host)).join(', ')}, which Finch does not use: ` +
        'a credential helper or the credsStore answers for those registries (STATE is what it holds). Move them out: finch-logins doctor.',
    );
  }
  lines.push('');
  lines.push(
    s.profiles.length === 0
      ? 'No AWS profiles found (run `aws configure` to create one).'
      : table(
          ['PROFILE', 'REGION', 'TYPE', 'ACCOUNT', 'ROLE/SESSION', 'MFA'],
          s.profiles.map((p) => [
            p.name,
            p.region ?? '-',
            p.type,
            p.accountId ?? '-',
            [p.roleName, p.ssoSession].filter(Boolean).join(' @ ') || '-',
            p.mfa ? 'code at each login' : '-',
          ]),
        ),
  );
  if (s.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of s.problems) lines.push(`  ${oneLine(p.file)}: ${oneLine(p.message)}`);
  }
  return lines.join('\n');
}
