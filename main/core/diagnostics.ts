// "Copy diagnostics": what a support request needs, as plain text the user can read before sending — the
// versions, where Finch and its files are, every health check's result and the recent log. Nothing here is a
// secret: the status and the checks never hold one, and the log is redacted as it is written (log.ts).
import os from 'node:os';
import type { Check, Diagnostics, Status } from '../../shared/types';
import type { Env } from './env';
import { runChecks } from './health/run-checks';
import type { Log } from './log';
import { readStatus } from './status';

export interface DiagnosticsDeps {
  /** The app's version (the shell knows it; the CLI and tests may not). */
  appVersion?: string;
  log?: Log;
  /** Puts the text on the system clipboard; without it the window shows the text to copy by hand. */
  copyText?: (text: string) => void;
}

export async function gatherDiagnostics(env: Env, deps: DiagnosticsDeps = {}): Promise<Diagnostics> {
  const [status, checks] = await Promise.all([readStatus(env).catch((e: Error) => e), runChecks(env).catch((e: Error) => e)]);
  const text = renderDiagnostics({ env, appVersion: deps.appVersion, status, checks, log: deps.log?.recent() ?? [] });
  let copied = false;
  if (deps.copyText) {
    deps.copyText(text);
    copied = true;
  }
  return { text, copied };
}

interface Gathered {
  env: Env;
  appVersion: string | undefined;
  status: Status | Error;
  checks: Check[] | Error;
  log: string[];
}

export function renderDiagnostics(g: Gathered): string {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const runtime = [v.electron ? `Electron ${v.electron}` : '', v.chrome ? `Chrome ${v.chrome}` : '', `Node ${v.node}`].filter(Boolean).join(', ');
  const lines = [
    `Finch Logins ${g.appVersion ?? '(version unknown)'} diagnostics, ${g.env.now().toISOString()}`,
    `Runtime: ${runtime}`,
    `System: ${os.type()} ${os.release()} ${os.arch()}${g.env.platform !== process.platform ? ` (read as ${g.env.platform})` : ''}`,
    '',
  ];
  if (g.status instanceof Error) lines.push(`Status could not be read: ${g.status.message}`);
  else {
    const f = g.status.finch;
    lines.push(
      `Finch: ${f.path ? `${f.version ?? '(version unknown)'} at ${f.path}` : 'not found'}, VM ${f.vm}`,
      `config.json: ${f.configFile}${f.credsStore ? ` (credsStore ${f.credsStore})` : ''}`,
      `finch.yaml: ${f.yamlFile}${f.yamlCredsHelpers.length ? ` (creds_helpers ${f.yamlCredsHelpers.join(', ')})` : ''}`,
      `Registries: ${g.status.registries.map((r) => `${r.host} ${r.kind} ${r.auth} ${r.state}`).join('; ') || 'none'}`,
      `AWS profiles: ${g.status.profiles.length}`,
      ...g.status.problems.map((p) => `Problem: ${p.file}: ${p.message}`),
    );
  }
  lines.push('', 'Health checks:');
  if (g.checks instanceof Error) lines.push(`  could not run: ${g.checks.message}`);
  else for (const c of g.checks) lines.push(`  ${c.status.padEnd(7)} ${c.id}${c.status === 'ok' ? '' : `: ${c.detail.replace(/\s*\n\s*/g, ' ')}`}`);
  lines.push('', g.log.length ? `Recent log (${g.log.length} lines):` : 'Recent log: empty', ...g.log.map((l) => `  ${l}`));
  return lines.join('\n') + '\n';
}
