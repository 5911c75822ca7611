import { statSync } from 'node:fs';
import path from 'node:path';
import { helperBinary } from '../../credentials/helper';
import { findExecutable } from '../../process/find-executable';
import type { CheckDefinition } from '../check-definition';
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
  requires: ['config-json-valid', 'finch-yaml-valid'],
  run: ({ snap, env, paths }) => {
    if (!ecrLoginConfigured(snap.config, snap.yaml.credsHelpers, env.platform)) {
      return ok(`ecr-login is not set up in config.json${env.platform === 'linux' ? '' : ' or finch.yaml'}, so ${bin} is not needed.`);
    }
    const onHost = findExecutable(bin, env, paths);
    if (onHost) return ok(`${bin} is at ${onHost}.`);
    // On macOS and Windows, Finch downloads its own copy for the VM when creds_helpers lists ecr-login.
    const finchCopy = path.join(paths.finchCredHelpersDir, bin);
    if (env.platform !== 'linux' && isFile(finchCopy)) return ok(`Finch\u2019s copy of ${bin} is at ${finchCopy} (Finch downloaded it when the VM started).`);
    const impact = `ecr-login is set up, but ${bin} is missing, so Amazon ECR registries sent to it cannot be logged in to or pulled from.`;
    if (env.platform === 'linux') {
      return error(
        `${impact} Install it for root, the user Finch runs as: \`sudo apt install amazon-ecr-credential-helper\` on Debian and Ubuntu ` +
          '(or your distribution\u2019s package), so that it is on root\u2019s PATH.',
      );
    }
    if (snap.yaml.credsHelpers.includes('ecr-login')) {
      return error(`${impact} finch.yaml lists ecr-login, and Finch downloads the helper when the VM starts: restart the VM.`, {
        id: 'vm-restart',
        label: 'Restart the VM',
      });
    }
    return error(
      `${impact} The fix adds ecr-login to finch.yaml, so that Finch downloads the helper at the next VM start` +
        (env.platform === 'darwin' ? ' (or install it yourself with `brew install docker-credential-helper-ecr`).' : '.'),
      { id: 'ecr-login-setup', label: 'Set up ecr-login' },
    );
  },
};
