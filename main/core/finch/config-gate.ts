// The one gate in front of every login, logout, fix and registry added: while config.json is not valid, nothing may run that
// writes it. An adversarial run saw finch replace such a file at a login — other logins and credsStore gone, the
// new password in plain text (docker/cli's LoadDefaultConfigFile warns and goes on with an empty config; nerdctl's
// path fails instead) — and a fix would be planned from a file we did not understand. So finch is not asked. A helper name that is not a bare word is refused the same way:
// finch would run it as a program.
import type { Env } from '../env';
import { Failure } from '../failure';
import { resolvePaths } from '../paths';
import { Problems } from '../problems';
import { needsRootToRead } from '../snapshot';
import { readConfigJson, type ConfigJson } from './config-json';

export type GatedAction = 'log in' | 'log out' | 'apply a fix' | 'add a registry';

/** The failure for a config.json that cannot be used: names the file, says what is wrong and the way out. */
export function invalidConfigFailure(file: string, action: GatedAction | 'change it', problem: string | undefined): Failure {
  return new Failure(
    'file-invalid',
    `Finch Logins will not ${action} while ${file} is not valid: ${problem ?? 'it could not be understood.'}`,
    `Fix ${file} in a text editor (\`finch-logins doctor\` and the Health view say where), or move it away ` +
      '(Finch starts a new, empty one at the next login), then try again. Nothing was changed.',
  );
}

/**
 * Throws when config.json exists and is not valid; returns when it is valid or absent — or root's and unreadable to
 * us (Linux, not root): finch runs as root and reads it, we cannot judge it, and a login is then as safe as in a
 * terminal.
 */
export async function refuseWhileConfigInvalid(env: Env, action: GatedAction): Promise<ConfigJson> {
  const file = resolvePaths(env).configJson;
  const problems = new Problems();
  const config = await readConfigJson(file, problems, { rootsFile: needsRootToRead(env) });
  if (!config.valid && !config.denied) throw invalidConfigFailure(file, action, problems.list.map((p) => p.message).join(' ') || undefined);
  return config;
}
