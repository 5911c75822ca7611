import type { CheckDefinition } from '../check-definition';
import { error, ok } from '../verdict';

export const finchInstalled: CheckDefinition = {
  id: 'finch-installed',
  title: 'Finch is installed',
  versions: 'All versions, every platform.',
  run: ({ snap, paths }) =>
    snap.finch.path
      ? ok(`Finch is at ${snap.finch.path}.`)
      : error(
          `Finch was not found on PATH or in ${paths.extraBinDirs.join(', ')}. Finch Logins signs in through Finch, so ` +
            'nothing can be logged in without it. Install Finch from https://runfinch.com (or set FINCH_LOGINS_FINCH to ' +
            'the finch program if it is installed somewhere else), then check again.',
        ),
};
