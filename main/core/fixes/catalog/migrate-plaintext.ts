import { openHelper } from '../../credentials/helper';
import { Failure } from '../../failure';
import { holdsSecret } from '../../finch/config-json';
import { migrationTarget } from '../../health/store-support';
import { loadConfigForEdit } from '../config-json-edit';
import type { FixDefinition } from '../fix-definition';
import { nothingToDo } from './nothing-to-do';
import { storedCopiesLeft } from '../plaintext-migration';
import { planPlaintextMove } from './plaintext-move';

export const backupNote =
  'A copy of the old config.json, passwords included, is kept in Finch Logins\u2019 backups (readable only by you) so that ' +
  'Undo can restore it; the 20 most recent changes are kept.';

export const migratePlaintext: FixDefinition = {
  id: 'migrate-plaintext',
  title: 'Move plain-text passwords into the credential store',
  versions: 'All versions, every platform (the store docker would use for each registry).',
  checkId: 'plaintext-credentials',
  // Without a credsStore the fix moves them into the macOS keychain (store-support.ts migrationTarget).
  undoLeaves: ({ env, paths }) => storedCopiesLeft(env, paths, 'osxkeychain'),
  async plan({ env, paths, rules }) {
    const cfg = await loadConfigForEdit(paths.configJson);
    if (!Object.values(cfg.config.auths).some(holdsSecret)) return nothingToDo('config.json holds no passwords or tokens: nothing to move.');
    const target = migrationTarget(cfg.config, env, paths, rules);
    if (!target.ok) {
      throw new Failure(
        'no-store',
        `The plain-text logins cannot be moved: ${target.why}`,
        env.platform === 'darwin'
          ? 'Fix the keychain helper first (the check \u201cmacOS keychain helper is installed for Finch\u201d in Health or `finch-logins doctor`).'
          : 'Keep config.json readable only by you; for Amazon ECR, the ecr-login helper avoids stored passwords (the check \u201cecr-login is set up per registry\u201d offers it).',
      );
    }
    const move = planPlaintextMove(cfg, env, paths, rules, target, (helper) => openHelper(helper, env, paths));
    const edits = move.preview ? [move.preview] : [];
    return {
      explanation: [...move.said, ...(edits.length ? [backupNote] : ['Nothing can be moved, so nothing changes.'])].join('\n\n'),
      edits,
      commands: move.commands,
      needsVmRestart: false,
      ...(edits.length
        ? {
            prepare: async () => {
              const r = await move.run();
              return { edits: r.edit ? [r.edit] : [], notes: r.notes, complete: r.complete };
            },
          }
        : {}),
    };
  },
};
