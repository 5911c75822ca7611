import { platformStore, unsupportedStoreReason } from '../../health/store-support';
import { configEdit, loadConfigForEdit } from '../config-json-edit';
import type { FixDefinition } from '../fix-definition';
import { nothingToDo } from './nothing-to-do';

export const removeUnsupportedStore: FixDefinition = {
  id: 'remove-unsupported-store',
  title: 'Stop using a credential store Finch cannot use',
  versions: 'All versions, every platform; on macOS from 1.15.0 the store becomes osxkeychain, elsewhere it is removed.',
  checkId: 'creds-store-supported',
  async plan({ env, paths, rules }) {
    const cfg = await loadConfigForEdit(paths.configJson);
    const store = cfg.config.credsStore;
    const why = store ? unsupportedStoreReason(store, env, paths, rules) : null;
    if (!store || !why) {
      return nothingToDo(store ? `config.json uses "${store}", which Finch supports here: nothing to change.` : 'config.json names no credsStore: nothing to change.');
    }
    const replacement = platformStore(rules);
    const edit = configEdit(cfg, (doc) => {
      if (replacement) doc.credsStore = replacement;
      else delete doc.credsStore;
    });
    return {
      explanation:
        `${why} This ${replacement ? `switches credsStore to "${replacement}"` : 'removes credsStore'} in ${cfg.file}; everything else in the file stays. ` +
        `Logins saved in "${store}" stay there, but Finch cannot read them: log in again afterwards` +
        (replacement ? '.' : ' (Finch then keeps them in config.json, the only place it can read them on this system).'),
      edits: edit ? [edit] : [],
      commands: [],
      needsVmRestart: false,
    };
  },
};
