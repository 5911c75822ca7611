// A small argv parser: known flags only, so a typo is a usage error (exit 2), never a silent no-op.
import { UsageError } from '../core/env';

export interface Parsed {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** spec: flag name → 'boolean' or 'string' (takes a value). */
export function parseArgs(argv: string[], spec: Record<string, 'boolean' | 'string'>): Parsed {
  const out: Parsed = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      out.flags[name] = true;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      out.flags[name] = value;
    }
  }
  return out;
}
