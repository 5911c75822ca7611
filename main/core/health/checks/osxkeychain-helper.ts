// macOS only. Finch ≥ 1.15: the credential server must find docker-credential-osxkeychain (as a file from 1.18.0; a
// symlink is what the 1.15–1.17 installers make, and those versions accept it). Finch < 1.15 has no credential server:
// logins run inside the VM, where there is no keychain, so credsStore "osxkeychain" breaks them.
import { finchName } from '../../finch/finch-rules';
import type { CheckDefinition } from '../check-definition';
import { describeSightings } from '../credserver-helper';
import { osxkeychainBinary, osxkeychainInstall } from '../osxkeychain-install';
import { error, ok, skipped, warn, type FixLink } from '../verdict';

const setupFix: FixLink = { id: 'osxkeychain-setup', label: 'Copy the helper from Finch' };

export const osxkeychainHelper: CheckDefinition = {
  id: 'osxkeychain-helper',
  title: 'macOS keychain helper is installed for Finch',
  versions: 'macOS only: from 1.15.0 the helper must be where the credential server looks (a symlink is refused from 1.18.0); before 1.15.0 credsStore osxkeychain is flagged.',
  requires: ['config-json-valid'],
  run: ({ snap, env, paths, rules }) => {
    if (env.platform !== 'darwin') return skipped('Only Finch on macOS uses the keychain helper (docker-credential-osxkeychain).');
    if (!rules.credentialServer) {
      if (snap.config.credsStore === 'osxkeychain') {
        return error(
          `${finchName(rules)} logs in and pulls inside its VM, which has no macOS keychain (Finch 1.15 added the credential ` +
            'server that reaches it), so credsStore "osxkeychain" makes `finch login` and private pulls fail. Remove ' +
            'credsStore, or update Finch to 1.15 or later and keep it.',
          { id: 'remove-unsupported-store', label: 'Remove credsStore "osxkeychain"' },
        );
      }
      return ok(`${finchName(rules)} keeps logins in config.json inside its VM; the keychain helper is used from Finch 1.15 on.`);
    }
    const found = osxkeychainInstall(paths, rules);
    if (!found.usable) {
      const seen = describeSightings(found, rules).filter((s) => !s.endsWith('installed as a file.'));
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
    if (!snap.config.exists) {
      // First run: Finch ≥ 1.15 makes config.json itself at its first login or logout (credserver.EnsureConfigExists,
      // pkg/credserver/utils_darwin.go, runfinch/finch v1.15.0; the stand-in copies it in e2e/stack/finch/configfile.go), with credsStore "osxkeychain" when it finds this helper.
      return ok(
        `config.json does not exist yet: ${finchName(rules)} creates it at its first login with credsStore "osxkeychain", ` +
          `because the helper is installed (${found.usable}), so logins will go to the macOS keychain.`,
      );
    }
    if (!snap.config.credsStore) {
      return warn(
        `The helper is installed (${found.usable}), but config.json sets no credsStore, so \`finch login\` saves passwords ` +
          'in config.json in plain text. The fix sets credsStore to "osxkeychain" (moving any plain-text logins into the keychain first).',
        { id: 'osxkeychain-setup', label: 'Use the macOS keychain' },
      );
    }
    const how = found.sightings.find((s) => s.file === found.usable)?.kind === 'symlink' ? `a symlink, which ${finchName(rules)} accepts` : 'a file (not a symlink)';
    return ok(`${found.usable} is installed as ${how}, where Finch\u2019s credential server finds it.`);
  },
};
