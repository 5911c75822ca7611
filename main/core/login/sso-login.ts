// Signing in again for an SSO profile whose session is missing or expired: in the app (IAM Identity Center's
// device sign-in, main/core/sso) when the profile names its session or start URL, which is every profile the AWS CLI
// itself can sign in for; `aws sso login --profile X` only for what the app cannot read (then the AWS CLI opens the
// browser itself).
import type { Env } from '../env';
import { profileSession, type SignIns } from '../sso/sso-service';
import { Failure } from '../failure';
import { resolvePaths } from '../paths';
import { childEnv, findExecutable } from '../process/find-executable';
import { run, timeoutMessage } from '../process/run';

const ssoTimeoutMs = 5 * 60_000;

export async function ssoLogin(env: Env, profile: string, signIns?: SignIns): Promise<void> {
  const session = signIns ? await profileSession(env, profile) : null;
  if (session && signIns) {
    const started = await signIns.start({ session });
    await signIns.finish(started.session);
    return;
  }
  const paths = resolvePaths(env);
  const aws = findExecutable('aws', env, paths);
  if (!aws) throw new Failure('aws-cli-missing', 'The AWS CLI (aws) was not found.', `Install the AWS CLI, then run: aws sso login --profile ${profile}`);
  const r = await run(aws, ['sso', 'login', '--profile', profile], { timeoutMs: ssoTimeoutMs, env: childEnv(env, paths) });
  if (r.timedOut) throw new Failure('timeout', `The SSO sign-in was not finished in time: ${timeoutMessage(r, ssoTimeoutMs)}`, `Run: aws sso login --profile ${profile}`);
  if (r.code !== 0) throw new Failure('sso-login-failed', `aws sso login failed: ${(r.stderr.trim() || r.stdout.trim()).split('\n').pop()}`, `Run: aws sso login --profile ${profile}`);
}
