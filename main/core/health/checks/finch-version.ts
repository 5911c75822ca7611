import { hostLoginSince } from '../../finch/finch';
import { compareVersions } from '../../finch/finch-cli';
import type { CheckDefinition } from '../check-definition';
import { error, ok, warn } from '../verdict';

/** The release whose keychain helper was off PATH, so logins silently went to config.json in plain text (finch #1785). */
export const plaintextBugVersion = '1.18.0';

export const finchVersion: CheckDefinition = {
  id: 'finch-version',
  title: 'Finch version',
  versions: 'All versions, every platform; it warns before 1.15.0 (login inside the VM) and on macOS 1.18.0 (finch #1785).',
  // Every finch command fails while finch.yaml does not parse (config.Load), `--version` included: that is
  // finch-yaml-valid's error to report, not a damaged Finch.
  requires: ['finch-installed', 'finch-yaml-valid'],
  run: ({ snap, env }) => {
    const v = snap.finch.version;
    if (!v) {
      return error(
        `\`${snap.finch.path} --version\` did not print a version, so Finch may be damaged or not a Finch program at all. ` +
          'Reinstall Finch from https://runfinch.com.',
      );
    }
    if (compareVersions(v, hostLoginSince) < 0) {
      return warn(
        `Finch ${v} runs \`finch login\` inside its VM, so every login needs the VM running and is slower. ` +
          `Update Finch to ${hostLoginSince} or later.`,
      );
    }
    if (env.platform === 'darwin' && compareVersions(v, plaintextBugVersion) === 0) {
      return warn(
        `Finch ${v} moved the macOS keychain helper to /opt/finch/bin, which a terminal\u2019s PATH does not include, so ` +
          '`finch login` typed in a terminal saves passwords in config.json in plain text (finch issue #1785). Logins made ' +
          'here are not affected (Finch Logins puts /opt/finch/bin on finch\u2019s PATH). Update Finch; the "Passwords in ' +
          'plain text" check lists logins that were affected.',
      );
    }
    return ok(`Finch ${v}.`);
  },
};
