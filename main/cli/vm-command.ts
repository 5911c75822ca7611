// finch-logins vm status [--json] | vm restart [--json]: the Finch VM, with the restart's output as it comes.
import type { VmLogLine } from '../../shared/types';
import { UsageError, type Env } from '../core/env';
import { restartVm, vmStatus } from '../core/vm/restart';
import { parseArgs } from './args';
import { reportFailure, type Output } from './output';

export async function vmCommand(argv: string[], env: Env, out: Output): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { json: 'boolean' });
  const json = !!flags.json;
  const [sub, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`vm ${sub} takes no arguments (got "${rest[0]}")`);
  switch (sub) {
    case 'status': {
      try {
        const status = await vmStatus(env);
        out.stdout(json ? JSON.stringify({ status }) : status);
        return 0;
      } catch (e) {
        return reportFailure(out, e, json);
      }
    }
    case 'restart': {
      const log: VmLogLine[] = [];
      try {
        const status = await restartVm(env, (l) => (json ? log.push(l) : out.stdout(l.stream === 'info' ? l.line : `  ${l.line}`)));
        if (json) out.stdout(JSON.stringify({ status, log }, null, 2));
        return status === 'running' ? 0 : 1;
      } catch (e) {
        return reportFailure(out, e, json);
      }
    }
    default:
      throw new UsageError(sub ? `unknown vm command "${sub}" (use status or restart)` : 'vm needs a command: status or restart');
  }
}
