import type { CheckDefinition } from '../check-definition';
import { osxkeychainBinary, osxkeychainInstall } from '../osxkeychain-install';
import { error, ok, skipped, warn, type FixLink } from '../verdict';

const setupFix: FixLink = { id: 'osxkeychain-setup', label: 'Copy the helper from Finch' };

export const osxkeychainHelper: CheckDefinition = {
  id: 'osxkeychain-helper',
  title: 'macOS keychain helper is installed for Finch',
  requires: ['config-json-valid'],
  run: ({ snap, env, paths }) => {
    if (env.platform !== 'darwin') return skipped('Only Finch on macOS uses the keychain helper (docker-credential-osxkeychain).');
    const found = osxkeychainInstall(paths);
    if (!found.usable) {
      const seen = found.sightings.map((s) =>
        s.kind === 'symlink'
          ? `${s.file} is a symlink${s.linkTarget ? ` to ${s.linkTarget}` : ''} (Homebrew installs it that way), and Finch 1.18 and later ignore symlinked helpers.`
          : `${s.file} is not executable.`,
      );
      const where = seen.length ? seen.join(' ') : `${osxkeychainBinary} is in none of the folders Finch\u2019s credential server searches (${paths.credserverBinDirs.join(', ')}).`;
      const impact =
        snap.config.credsStore === 'osxkeychain'
          ? 'config.json uses the macOS keychain, so `finch login` and pulls of private images fail.'
          : 'Without it Finch saves passwords in config.json in plain text instead of the macOS keychain.';
      if (!found.bundledExists) {
        return error(
          `${where} ${impact} Finch\u2019s own copy (${found.bundled}) is missing too: reinstall Finch, or run ` +
            '`brew install docker-credential-helper` and copy (not link) the helper into /usr/local/bin.',
        );
      }
      return error(`${where} ${impact} The fix copies Finch\u2019s own helper into /usr/local/bin (a copy, not a link).`, setupFix);
    }
    if (!snap.config.credsStore) {
      return warn(
        `The helper is installed (${found.usable}), but config.json sets no credsStore, so \`finch login\` saves passwords ` +
          'in config.json in plain text. The fix sets credsStore to "osxkeychain" (moving any plain-text logins into the keychain first).',
        { id: 'osxkeychain-setup', label: 'Use the macOS keychain' },
      );
    }
    return ok(`${found.usable} is installed as a file (not a symlink), where Finch\u2019s credential server finds it.`);
  },
};
