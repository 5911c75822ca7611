import type { CheckDefinition } from '../check-definition';
import { ecrHostsWithoutHelper, ecrLoginConfigured } from '../known-registries';
import { platformStore } from '../store-support';
import { error, listWords, ok, warn } from '../verdict';

export const ecrLoginConfig: CheckDefinition = {
  id: 'ecr-login-config',
  title: 'ecr-login is set up per registry',
  requires: ['config-json-valid', 'finch-yaml-valid'],
  run: ({ snap, env, ecrHosts }) => {
    const config = snap.config;
    if (config.credsStore === 'ecr-login') {
      const store = platformStore(env.platform);
      return error(
        'config.json sets credsStore to "ecr-login". ecr-login can fetch Amazon ECR tokens but cannot save passwords, so ' +
          '`finch login` fails for every other registry (Docker Hub, GitHub, your company\u2019s) with "not implemented". ' +
          'Finch\u2019s guide suggests this setting, and Finch sets it by itself when it first installs ecr-login (finch #480). ' +
          `The fix sends only ECR registries to ecr-login, one by one (credHelpers), and ${store ? `sets credsStore back to "${store}"` : 'removes credsStore'}.`,
        { id: 'ecr-login-setup', label: 'Use ecr-login per registry' },
      );
    }
    if (!ecrLoginConfigured(config, snap.yaml.credsHelpers, env.platform)) {
      return ok(
        ecrHosts.length
          ? 'ecr-login is not set up: Amazon ECR logins use tokens that last 12 hours.'
          : 'ecr-login is not set up, and no Amazon ECR registries are known.',
      );
    }
    const missing = ecrHostsWithoutHelper(config, ecrHosts);
    if (missing.length > 0) {
      return warn(
        `ecr-login is set up, but ${listWords(missing)} ${missing.length === 1 ? 'is' : 'are'} not sent to it, so Finch uses ` +
          'a stored token there, which expires after 12 hours. The fix adds each to config.json\u2019s credHelpers with "ecr-login".',
        { id: 'ecr-login-setup', label: 'Send them to ecr-login' },
      );
    }
    const using = Object.entries(config.credHelpers).filter(([, h]) => h === 'ecr-login').map(([host]) => host);
    return ok(using.length ? `ecr-login fetches tokens for ${listWords(using)}.` : 'ecr-login is set up; no Amazon ECR registries are known yet.');
  },
};
