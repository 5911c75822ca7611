// Where pulls run docker-credential-ecr-login, per platform and Finch version — a copy anywhere else does not count:
// - macOS ≥ 1.15: Finch's credential server on the host, with its own PATH, skipping symlinks from 1.18.0
//   (credserver-helper.ts). The Linux copy Finch downloads into ~/.finch/cred-helpers is for the VM; the Mac never
//   runs it. Homebrew installs the helper as a symlink, which 1.18 refuses: copy the file it points to.
// - Windows and macOS < 1.15: inside the VM, from <finch folder>/cred-helpers, which Finch fills at VM start when
//   finch.yaml lists ecr-login (a copy on the host's PATH is never seen by the VM).
// - Linux: nerdctl runs as root on the host: root's PATH.
import { statSync } from 'node:fs';
import path from 'node:path';
import { helperBinary } from '../../credentials/helper';
import { finchName } from '../../finch/finch-rules';
import { findExecutable } from '../../process/find-executable';
import type { CheckDefinition } from '../check-definition';
import { credserverHelper, describeSightings } from '../credserver-helper';
import { inVmTradeOff } from '../ecr-login-trade-off';
import { ecrLoginConfigured } from '../known-registries';
import { error, ok } from '../verdict';

const bin = helperBinary('ecr-login');

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export const ecrLoginHelper: CheckDefinition = {
  id: 'ecr-login-helper',
  title: 'Amazon ECR helper is installed',
  versions: 'All versions, every platform, looking where pulls run the helper: macOS from 1.15.0 the credential server\u2019s folders (no symlink from 1.18.0); Windows and macOS before 1.15.0 Finch\u2019s copy for the VM; Linux root\u2019s PATH.',
  requires: ['config-json-valid', 'finch-yaml-valid'],
  run: ({ snap, env, paths, rules }) => {
    if (!ecrLoginConfigured(snap.config, snap.yaml.credsHelpers, env.platform)) {
      return ok(`ecr-login is not set up in config.json${env.platform === 'linux' ? '' : ' or finch.yaml'}, so ${bin} is not needed.`);
    }
    const impact = `ecr-login is set up, but pulls cannot run ${bin}, so Amazon ECR registries sent to it get no credentials.`;

    if (rules.credentialServer) {
      const found = credserverHelper('ecr-login', paths, rules);
      if (found.usable) return ok(`Finch\u2019s credential server runs ${found.usable}.`);
      const seen = describeSightings(found, rules);
      const refused = found.refused;
      const linuxCopy = path.join(paths.finchCredHelpersDir, bin);
      return error(
        `${impact} ${seen.length ? seen.join(' ') : `It is in none of the folders Finch\u2019s credential server searches (${paths.credserverBinDirs.join(', ')}).`}` +
          (isFile(linuxCopy) ? ` ${linuxCopy} does not count: Finch downloaded it for the VM, and it is a Linux program.` : '') +
          (refused
            ? ` Copy the file the link points to into /usr/local/bin: \`sudo cp "$(readlink -f ${refused.file})" /usr/local/bin/${bin}\`.`
            : ` Install it (\`brew install docker-credential-helper-ecr\`), then copy the file Homebrew links to into /usr/local/bin, since ${finchName(rules)}` +
              (rules.rejectsSymlinks ? ' ignores symlinked helpers' : ' will ignore symlinked helpers from 1.18 on') +
              `: \`sudo cp "$(readlink -f "$(brew --prefix)/bin/${bin}")" /usr/local/bin/${bin}\`.`),
      );
    }

    if (rules.helpersInVm) {
      const vmCopy = path.join(paths.finchCredHelpersDir, bin);
      if (isFile(vmCopy)) return ok(`Finch\u2019s copy for the VM is at ${vmCopy} (downloaded at a VM start).`);
      if (snap.yaml.credsHelpers.includes('ecr-login')) {
        return error(`${impact} finch.yaml lists ecr-login, and Finch downloads the helper into ${paths.finchCredHelpersDir} when the VM starts: restart the VM.`, {
          id: 'vm-restart',
          label: 'Restart the VM',
        });
      }
      return error(`${impact} Pulls run helpers inside the VM, and only creds_helpers in finch.yaml puts ecr-login there. ${inVmTradeOff(rules)}`);
    }

    const onHost = findExecutable(bin, env, paths);
    if (onHost) return ok(`${bin} is at ${onHost}.`);
    return error(
      `${impact} Install it for root, the user Finch runs as: \`sudo apt install amazon-ecr-credential-helper\` on Debian and Ubuntu ` +
        '(or your distribution\u2019s package), so that it is on root\u2019s PATH.',
    );
  },
};
