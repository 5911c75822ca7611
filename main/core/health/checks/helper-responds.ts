import { helperBinary, helperTimeoutMs, HelperError, openHelper } from '../../credentials/helper';
import type { FinchRules } from '../../finch/finch-rules';
import type { Paths } from '../../paths';
import type { CheckDefinition } from '../check-definition';
import { credserverHelper, describeSightings } from '../credserver-helper';
import { error, listWords, ok, warn } from '../verdict';

/**
 * macOS ≥ 1.15: pulls get their credentials from Finch's credential server, which finds helpers by its own rules
 * (credserver-helper.ts) — the same for every helper, credsStore and credHelpers entries alike. A helper the app can
 * run (say docker-credential-desktop in ~/.docker/bin) may still be one the server never finds. ecr-login and
 * osxkeychain have checks of their own.
 */
function unreachableForPulls(names: string[], paths: Paths, rules: FinchRules): string[] {
  if (!rules.credentialServer) return [];
  return names
    .filter((n) => n !== 'ecr-login' && n !== 'osxkeychain')
    .flatMap((n) => {
      const found = credserverHelper(n, paths, rules);
      if (found.usable) return [];
      const seen = describeSightings(found, rules);
      return [`${found.binary}: ${seen.length ? seen.join(' ') : `in none of ${paths.credserverBinDirs.join(', ')}`}`];
    });
}

export const helperResponds: CheckDefinition = {
  id: 'helper-responds',
  title: 'Credential store answers',
  versions: 'All versions, every platform; on macOS from 1.15.0 also whether the credential server can run each helper (no symlinks from 1.18.0).',
  requires: ['config-json-valid', 'creds-store-supported'],
  // The helper's own limit decides; the runner's limit only backs it up.
  timeoutMs: (env) => helperTimeoutMs(env) + 5_000,
  run: async ({ snap, env, paths, rules }) => {
    const store = snap.config.credsStore;
    const forPulls = unreachableForPulls([...new Set([...(store ? [store] : []), ...Object.values(snap.config.credHelpers)])], paths, rules);
    // The store's own answer first (a helper that fails or hangs); then whether pulls can reach every helper.
    const pullsVerdict = (answered: string) => {
      if (forPulls.length === 0) return ok(answered);
      const pullsFail = `Finch\u2019s credential server cannot run ${forPulls.length === 1 ? 'this helper' : 'these helpers'}, so pulls from the registries sent to ${forPulls.length === 1 ? 'it' : 'them'} get no credentials: ${listWords(forPulls)}.`;
      const fixIt = ` It searches only ${paths.credserverBinDirs.join(', ')}${rules.rejectsSymlinks ? ' and, from Finch 1.18, skips symlinks' : ''}: copy the helper there as a file.`;
      return (store && forPulls.some((f) => f.startsWith(helperBinary(store))) ? error : warn)(`${pullsFail}${fixIt}${answered ? ` (${answered})` : ''}`);
    };
    if (!store) return pullsVerdict(forPulls.length ? '' : 'config.json names no credsStore, so there is no store to ask.');
    const bin = helperBinary(store);
    const started = Date.now();
    try {
      const entries = await openHelper(store, env, paths).list();
      const n = Object.keys(entries).length;
      return pullsVerdict(`${bin} answered \`list\` in ${Date.now() - started} ms (${n} login${n === 1 ? '' : 's'}).`);
    } catch (e) {
      const he = e instanceof HelperError ? e : null;
      const impact = `Finch asks "${store}" for every login, so logins and pulls of private images fail while it does not answer.`;
      if (he?.kind === 'missing') {
        return error(
          `${he.message} ${impact} ` +
            (store === 'osxkeychain'
              ? 'See the keychain helper check for the fix.'
              : `Install ${bin}, or change credsStore in config.json to a store you have.`),
          store === 'osxkeychain' && env.platform === 'darwin' ? { id: 'osxkeychain-setup', label: 'Copy the helper from Finch' } : undefined,
        );
      }
      if (he?.kind === 'timeout') {
        return error(`${he.message} ${impact} It may be waiting for a keychain prompt or be stuck: unlock the keychain, or restart the computer.`);
      }
      return error(`${(e as Error).message} ${impact}`);
    }
  },
};
