import { holdsSecret, shadowableSecret, type ConfigJson } from '../../finch/config-json';
import { credHelperFor } from '../../fixes/plaintext-migration';
import type { CheckDefinition } from '../check-definition';
import { osxkeychainInstall } from '../osxkeychain-install';
import { migrationTarget } from '../store-support';
import { listWords, ok, warn, type FixLink } from '../verdict';

export const plaintextCredentials: CheckDefinition = {
  id: 'plaintext-credentials',
  title: 'No passwords in plain text',
  versions: 'All versions, every platform.',
  requires: ['config-json-valid'],
  run: ({ snap, env, paths, rules }) => {
    const hosts = Object.entries(snap.config.auths).filter(([, e]) => holdsSecret(e)).map(([h]) => h);
    if (hosts.length === 0) return ok('config.json holds no passwords or tokens: logins are kept by helpers or stores.');
    const what =
      `config.json holds the password or token of ${hosts.length === 1 ? 'a login' : `${hosts.length} logins`} (${listWords(hosts)}) ` +
      'in plain text: base64 is an encoding, not encryption, so any program or backup that can read the file can use them.' +
      shadowedNote(snap.config, hosts);
    const target = migrationTarget(snap.config, env, paths, rules);
    if (target.ok) {
      const fix: FixLink = { id: 'migrate-plaintext', label: `Move them to ${target.helper}` };
      return warn(`${what} The fix stores each one in "${target.helper}", checks it can be read back, and only then removes it from the file.`, fix);
    }
    if (env.platform === 'darwin' && rules.credentialServer && osxkeychainInstall(paths, rules).bundledExists && !snap.config.credsStore) {
      return warn(
        `${what} The fix installs Finch\u2019s keychain helper, moves them into the macOS keychain and sets credsStore to "osxkeychain".`,
        { id: 'osxkeychain-setup', label: 'Move them to the macOS keychain' },
      );
    }
    return warn(
      `${what} They cannot be moved: ${target.why} ` +
        (env.platform === 'darwin' && rules.credentialServer
          ? 'Fix the keychain helper first (see the checks above).'
          : 'Keep the file readable only by you, and for Amazon ECR use the ecr-login helper, which stores no password.'),
    );
  },
};

/** Plain-text secrets Finch never reads: a helper or the credsStore answers for their registry (docker/cli GetCredentialsStore). */
function shadowedNote(config: ConfigJson, hosts: string[]): string {
  const shadowed = hosts.filter((h) => shadowableSecret(config.auths[h]) && (credHelperFor(config, h) || config.credsStore));
  if (shadowed.length === 0) return '';
  return (
    ` Finch does not even use ${shadowed.length === 1 ? 'the one' : 'those'} for ${listWords(shadowed)}: a credential helper or ` +
    `the credsStore answers for ${shadowed.length === 1 ? 'that registry' : 'those registries'}, so the copy in the file is only a risk.`
  );
}
