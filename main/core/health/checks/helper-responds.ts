import { helperBinary, helperTimeoutMs, HelperError, openHelper } from '../../credentials/helper';
import type { CheckDefinition } from '../check-definition';
import { error, ok } from '../verdict';

export const helperResponds: CheckDefinition = {
  id: 'helper-responds',
  title: 'Credential store answers',
  requires: ['config-json-valid', 'creds-store-supported'],
  // The helper's own limit decides; the runner's limit only backs it up.
  timeoutMs: (env) => helperTimeoutMs(env) + 5_000,
  run: async ({ snap, env, paths }) => {
    const store = snap.config.credsStore;
    if (!store) return ok('config.json names no credsStore, so there is no store to ask.');
    const bin = helperBinary(store);
    const started = Date.now();
    try {
      const entries = await openHelper(store, env, paths).list();
      const n = Object.keys(entries).length;
      return ok(`${bin} answered \`list\` in ${Date.now() - started} ms (${n} login${n === 1 ? '' : 's'}).`);
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
