import type { FixDefinition } from '../fix-definition';
import { isFixId, type FixId } from '../../../../shared/ids';
import { ecrLoginSetup } from './ecr-login-setup';
import { migratePlaintext } from './migrate-plaintext';
import { osxkeychainSetup } from './osxkeychain-setup';
import { removeUnsupportedStore } from './remove-unsupported-store';
import { vmRestartFix } from './vm-restart';

export const allFixes: Record<FixId, FixDefinition> = {
  'osxkeychain-setup': osxkeychainSetup,
  'ecr-login-setup': ecrLoginSetup,
  'migrate-plaintext': migratePlaintext,
  'remove-unsupported-store': removeUnsupportedStore,
  'vm-restart': vmRestartFix,
};

/** Changes the app makes to Finch's files that are not fixes, backed up like one so that Undo can take them back. */
export const restoreKeysChangeId = 'restore-lost-config-keys';
const otherChanges: Record<string, string> = {
  [restoreKeysChangeId]: 'Put back config.json keys dropped during a login',
};

/** The words a user knows a fix by (a manifest written by another version may name a fix this one does not have). */
export function fixTitle(id: string): string {
  return isFixId(id) ? allFixes[id].title : (otherChanges[id] ?? id);
}
