// finch-logins doctor [--json]: every health check, failing ones first, each with the fix to run.
import type { Check } from '../../shared/types';
import { UsageError, type Env } from '../core/env';
import { runChecks } from '../core/health/run-checks';
import { parseArgs } from './args';
import { plural } from '../../shared/format';
import { oneLine, reportFailure, type Output } from './output';

const rank: Record<Check['status'], number> = { error: 0, warn: 1, ok: 2, skipped: 3 };
const label: Record<Check['status'], string> = { error: 'ERROR', warn: 'WARN', ok: 'ok', skipped: 'skip' };
const indent = ' '.repeat(8);

export async function doctorCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { json: 'boolean' });
  if (positionals.length > 0) throw new UsageError(`doctor takes no arguments (got "${positionals[0]}")`);
  let checks: Check[];
  try {
    checks = await runChecks(env);
  } catch (e) {
    return reportFailure(out, e, !!flags.json);
  }
  out.stdout(flags.json ? JSON.stringify({ checks }, null, 2) : renderChecks(checks));
  return checks.some((c) => c.status === 'error') ? 1 : 0;
}

/** Word-wrapped to a terminal's width, continuation lines indented under the title. */
export function wrap(text: string, width = 100, prefix = indent): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(prefix + line);
  }
  return lines.join('\n');
}

export function renderChecks(checks: readonly Check[]): string {
  const sorted = [...checks].sort((a, b) => rank[a.status] - rank[b.status]);
  const blocks = sorted.map((c) => {
    const head = `${label[c.status].padEnd(6)}  ${c.title}`;
    if (c.status === 'ok') return head;
    const fix = c.fix ? `\n${indent}fix: finch-logins fix ${c.fix.id}   (${oneLine(c.fix.label)})` : '';
    return `${head}\n${wrap(oneLine(c.detail))}${fix}`;
  });
  const count = (s: Check['status']) => checks.filter((c) => c.status === s).length;
  const summary = `${plural(count('error'), 'error')}, ${plural(count('warn'), 'warning')}, ${count('ok')} ok, ${count('skipped')} skipped.`;
  return `${blocks.join('\n')}\n\n${summary}`;
}
