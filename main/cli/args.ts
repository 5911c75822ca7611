// Options per command on node:util parseArgs, strict: known options only, so a typo is a usage error (exit 2),
// never a silent no-op. Node's own messages are reworded into ours ("unknown option --jsn").
import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError } from '../core/env';

export type OptionSpec = Record<string, 'boolean' | 'string'>;
export type Flags<S extends OptionSpec> = { [K in keyof S]?: S[K] extends 'string' ? string : boolean };

export interface Parsed<S extends OptionSpec> {
  positionals: string[];
  flags: Flags<S>;
}

/** spec: option name → 'boolean' or 'string' (takes a value). */
export function parseArgs<S extends OptionSpec>(argv: string[], spec: S): Parsed<S> {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  try {
    const { values, positionals } = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { positionals, flags: { ...values } as Flags<S> };
  } catch (e) {
    throw new UsageError(usageMessage(e as Error & { code?: string }, spec));
  }
}

/** Node's message names the option first ("Unknown option '--jsn'. …", "Option '--profile <value>' argument missing"). */
function usageMessage(e: Error & { code?: string }, spec: OptionSpec): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  if (!option) return e.message;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return spec[option.replace(/^-+/, '')] === 'boolean' ? `${option} takes no value` : `${option} needs a value`;
    default:
      return e.message;
  }
}
