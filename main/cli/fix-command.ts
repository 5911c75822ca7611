// finch-logins fix <fix-id> [--yes] [--json]   — preview (diffs and commands), ask, apply, show the check after.
// finch-logins undo [--yes] [--json]           — put back the files of the last fix.
// Without --yes they ask on the terminal; with no terminal to ask on they refuse (exit 2) rather than guess.
import { createInterface } from 'node:readline/promises';
import type { FixPreview, FixResult } from '../../shared/types';
import { UsageError, type Env } from '../core/env';
import { Failure } from '../core/failure';
import { applyFix, previewFix, undoLastChange } from '../core/fixes/fix-service';
import { fixIds, isFixId } from '../../shared/ids';
import { lastChange } from '../core/fixes/undo';
import { fixTitle } from '../core/fixes/catalog';
import { resolvePaths } from '../core/paths';
import { parseArgs } from './args';
import { processInput, type CliInput } from './login-command';
import { oneLine, paragraphs, reportFailure, type Output } from './output';

/** Standard input as a place to ask a question; tests pass their own through main()'s input. */
export interface PromptInput extends CliInput {
  isInteractive?(): boolean;
  readLine?(question: string): Promise<string>;
}

function interactive(input: PromptInput): boolean {
  return input.isInteractive ? input.isInteractive() : process.stdin.isTTY === true;
}

async function readLine(input: PromptInput, question: string): Promise<string> {
  if (input.readLine) return input.readLine(question);
  // The question goes to stderr, so stdout stays the command's output.
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export type Confirmation = 'yes' | 'no' | 'no-terminal';

export async function confirm(input: PromptInput, question: string): Promise<Confirmation> {
  if (!interactive(input)) return 'no-terminal';
  return /^\s*y(es)?\s*$/i.test(await readLine(input, question)) ? 'yes' : 'no';
}

const noTerminal = 'not applied: there is no terminal to ask on. Pass --yes to apply without asking.';

export function renderPreview(p: FixPreview): string {
  const parts = [p.title, '', paragraphs(p.explanation)];
  if (p.changes.length) {
    parts.push('', 'Changes:');
    for (const c of p.changes) parts.push(c.diff.trimEnd());
  }
  if (p.commands.length) parts.push('', 'Commands:', ...p.commands.map((c) => `  ${oneLine(c)}`));
  if (p.needsVmRestart) parts.push('', 'Afterwards the VM must restart for Finch to use the change (finch-logins vm restart).');
  return parts.join('\n');
}

export function renderResult(r: FixResult): string {
  const lines = [oneLine(r.message)];
  if (r.check) lines.push(`Check "${r.check.title}": ${r.check.status}${r.check.status === 'ok' ? '' : ` \u2014 ${oneLine(r.check.detail)}`}`);
  if (r.needsVmRestart) lines.push('Restart the VM now: finch-logins vm restart');
  return lines.join('\n');
}

export async function fixCommand(argv: string[], env: Env, out: Output, input: PromptInput = processInput): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { yes: 'boolean', json: 'boolean' });
  const json = !!flags.json;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? 'fix takes exactly one fix id' : `name the fix to apply: ${fixIds.join(', ')}`);
  }
  const fixId = positionals[0]!;
  if (!isFixId(fixId)) throw new UsageError(`there is no fix "${fixId}" (fixes: ${fixIds.join(', ')})`);

  let preview: FixPreview;
  try {
    preview = await previewFix(env, fixId);
  } catch (e) {
    return reportFailure(out, e, json);
  }
  if (!json) out.stdout(renderPreview(preview));
  const nothing = preview.changes.length === 0 && preview.commands.length === 0;
  if (nothing && !flags.yes) {
    if (json) out.stdout(JSON.stringify({ preview }, null, 2));
    return 0;
  }
  if (!flags.yes) {
    const answer = await confirm(input, 'Apply? [y/N] ');
    if (answer !== 'yes') {
      if (json) out.stdout(JSON.stringify({ preview, applied: false }, null, 2));
      if (answer === 'no-terminal') {
        out.stderr(`finch-logins: ${noTerminal}`);
        return 2;
      }
      if (!json) out.stdout('Not applied.');
      return 1;
    }
  }
  let result: FixResult;
  try {
    result = await applyFix(env, fixId, preview.token, json ? {} : { onVmLine: (l) => out.stdout(l.stream === 'info' ? l.line : `  ${l.line}`) });
  } catch (e) {
    return reportFailure(out, e, json);
  }
  out.stdout(json ? JSON.stringify({ preview, result }, null, 2) : renderResult(result));
  return !result.complete || result.check?.status === 'error' ? 1 : 0;
}

export async function undoCommand(argv: string[], env: Env, out: Output, input: PromptInput = processInput): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { yes: 'boolean', json: 'boolean' });
  const json = !!flags.json;
  if (positionals.length > 0) throw new UsageError(`undo takes no arguments (got "${positionals[0]}")`);
  const last = await lastChange(resolvePaths(env).stateDir);
  if (!last) return reportFailure(out, new Failure('nothing-to-undo', 'There is no change to undo.'), json);
  if (!json) {
    out.stdout(
      [
        `Undo "${fixTitle(last.manifest.fixId)}" from ${new Date(last.manifest.createdAt).toLocaleString()}:`,
        ...last.manifest.files.filter((f) => !f.restored).map((f) =>
          f.before.kind === 'absent'
            ? `  remove ${oneLine(f.file)} (the fix created it)`
            : f.before.kind === 'symlink'
              ? `  put back ${oneLine(f.file)} as a link to ${oneLine(f.before.target)}`
              : `  put back ${oneLine(f.file)} as it was (mode 0${f.before.mode.toString(8)})`,
        ),
      ].join('\n'),
    );
  }
  if (!flags.yes) {
    const answer = await confirm(input, 'Undo? [y/N] ');
    if (answer === 'no-terminal') {
      out.stderr('finch-logins: not undone: there is no terminal to ask on. Pass --yes to undo without asking.');
      return 2;
    }
    if (answer === 'no') {
      out.stdout('Not undone.');
      return 1;
    }
  }
  try {
    const r = await undoLastChange(env);
    out.stdout(json ? JSON.stringify(r, null, 2) : [r.message, ...(r.leftAsIs ? [r.leftAsIs] : [])].map(oneLine).join('\n'));
    return 0;
  } catch (e) {
    return reportFailure(out, e, json);
  }
}
