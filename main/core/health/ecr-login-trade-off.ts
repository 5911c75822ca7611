// Windows and macOS < 1.15 run credential helpers inside the VM: ecr-login gets there only through finch.yaml's
// creds_helpers, and Finch then sets credsStore to "ecr-login" at every VM start (runfinch/finch
// pkg/dependency/credhelper/cred_helper_binary.go, finch #480). No edit holds against that: the check and the fix say so.
import { finchName, type FinchRules } from '../finch/finch-rules';

/** Windows and macOS < 1.15: what ecr-login costs there, in words (no fix can change it). */
export function inVmTradeOff(rules: FinchRules): string {
  const where = rules.platform === 'win32' ? 'On Windows' : `With ${finchName(rules)} (before 1.15)`;
  return (
    `${where} pulls run credential helpers inside the VM, and the only way to put ecr-login there is finch.yaml\u2019s ` +
    'creds_helpers: [ecr-login]. Finch then sets credsStore to "ecr-login" at every VM start (finch #480), so ' +
    '`finch login` fails for every registry that is not Amazon ECR. Choose one: keep ecr-login (ECR pulls need no ' +
    'login; log in to other registries only by removing ecr-login from creds_helpers again), or leave creds_helpers ' +
    'without ecr-login and log in to ECR with Finch Logins (tokens last 12 hours; auto-renew keeps them fresh).'
  );
}

