// finch-logins: the CLI over the same core as the window, for scripts and headless machines.
import { currentEnv, UsageError, type Env } from '../core/env';
import { processOutput, reportFailure, safeOutput, verbose, type Output } from './output';
import { loginCommand, logoutCommand, processInput, type CliInput } from './login-command';
import { statusCommand } from './status-command';
import { doctorCommand } from './doctor-command';
import { fixCommand, undoCommand } from './fix-command';
import { vmCommand } from './vm-command';
import { ssoCommand } from './sso-command';

const usage = `Usage: finch-logins <command> [options]

Commands:
  status [--json]        Registries Finch knows, how each is logged in, AWS profiles and problems
  login <host>... [--profile P] [--json]
                         Log in to ECR / ECR Public with an AWS profile (picked automatically when not given),
                         or to a remembered registry
  login <host> --username U --password-stdin [--remember]
                         Log in with a password or access token read from standard input
  login --all [--relogin] [--json]
                         Renew every login that is expired, expiring or missing (--relogin: every login);
                         those that need typing are listed as skipped
  logout <host>... [--forget]
                         Log out (--forget also removes the remembered password from the keychain)
  doctor [--json]        Health checks, failing ones first, each with the fix that solves it (exit 1 on an error)
  fix <fix-id> [--yes] [--json]
                         Show a fix's changes (diffs and commands), ask, apply it, and check again. Fixes:
                         osxkeychain-setup, ecr-login-setup, migrate-plaintext, remove-unsupported-store, vm-restart
  undo [--yes]           Put back the files the last fix changed, byte for byte
  vm status|restart      The Finch VM's state; stop and start it (output shown as it comes)
  sso sessions [--json]  IAM Identity Center sessions (from ~/.aws/config) and whether you are signed in
  sso login [--session NAME | --start-url URL --region R]
                         Sign in to IAM Identity Center in the browser (no AWS CLI needed)
  sso accounts [--session NAME] [--search TEXT] [--refresh] [--json]
                         The accounts you can reach and your roles in each
  sso add <account>[:<role>]... --regions R1,R2 [--role ROLE] [--session NAME]
                         Add those accounts' ECR registries, logged in to with the picked role

Options for every command:
  --verbose              Trace failures on stderr (an unexpected error with its stack); never a secret

Exit codes: 0 done, 1 an operation failed, 2 usage error.`;

type Command = (argv: string[], env: Env, out: Output, input: CliInput) => Promise<number>;
const commands: Record<string, Command> = {
  status: statusCommand,
  login: loginCommand,
  logout: logoutCommand,
  doctor: doctorCommand,
  fix: fixCommand,
  undo: undoCommand,
  vm: vmCommand,
  sso: (argv, env, out) => ssoCommand(argv, env, out),
};

export async function main(argvIn: string[], rawOut: Output = processOutput, vars: NodeJS.ProcessEnv = process.env, input: CliInput = processInput): Promise<number> {
  // --verbose goes with any command, anywhere on the line (before a `--`); its trace is escaped like the rest.
  const end = argvIn.indexOf('--');
  const at = argvIn.findIndex((a, i) => a === '--verbose' && (end < 0 || i < end));
  const argv = at >= 0 ? [...argvIn.slice(0, at), ...argvIn.slice(at + 1)] : argvIn;
  const out = at >= 0 ? verbose(safeOutput(rawOut)) : safeOutput(rawOut);
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out.stdout(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(rest, currentEnv(vars), out, input);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`finch-logins: ${e.message}\n\n${usage}`);
      return 2;
    }
    // A failure no command caught: said like the others, with its hint, as JSON when asked for.
    return reportFailure(out, e, rest.includes('--json'));
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
