import type { CheckDefinition } from '../check-definition';
import { platformStore, unsupportedStoreReason } from '../store-support';
import { error, ok } from '../verdict';

export const credsStoreSupported: CheckDefinition = {
  id: 'creds-store-supported',
  title: 'Credential store works with Finch',
  versions: 'All versions, every platform; osxkeychain counts as supported on macOS from 1.15.0 only (before, logins run in the VM, which has no keychain).',
  requires: ['config-json-valid'],
  run: ({ snap, env, paths, rules }) => {
    const store = snap.config.credsStore;
    if (!store) return ok('config.json names no credsStore, so no store has to be supported.');
    const why = unsupportedStoreReason(store, env, paths, rules);
    if (!why) return ok(`Finch can use the "${store}" store on this system.`);
    const replacement = platformStore(rules);
    return error(
      `config.json sets credsStore to "${store}". ${why} ` +
        (replacement
          ? `Switch to "${replacement}", the store Finch supports here.`
          : 'Remove it: Finch then keeps logins in config.json, the only place it can read them on this system (for Amazon ECR, the ecr-login helper avoids stored passwords altogether).') +
        ` Logins already saved in "${store}" stay there, unused by Finch; log in again afterwards.`,
      { id: 'remove-unsupported-store', label: replacement ? `Use ${replacement} instead of ${store}` : `Remove credsStore "${store}"` },
    );
  },
};
