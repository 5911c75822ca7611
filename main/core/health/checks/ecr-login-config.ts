// Is ecr-login set up so that it lasts? Per Finch version and platform (see fixes/catalog/ecr-login-setup.ts):
// - macOS ≥ 1.15 and Linux: per-registry credHelpers, never credsStore "ecr-login"; on macOS never ecr-login in
//   finch.yaml's creds_helpers, which makes Finch set credsStore to ecr-login at every VM start (finch #480).
// - Windows and macOS < 1.15: creds_helpers is the only way to get ecr-login into the VM and Finch then forces the
//   store: a trade-off to explain, not an error to fix.
import { finchName } from '../../finch/finch-rules';
import type { CheckDefinition } from '../check-definition';
import { inVmTradeOff } from '../ecr-login-trade-off';
import { ecrHostsWithoutHelper, ecrLoginConfigured } from '../known-registries';
import { platformStore } from '../store-support';
import { error, listWords, ok, warn, type FixLink } from '../verdict';

const setupFix: FixLink = { id: 'ecr-login-setup', label: 'Use ecr-login per registry' };

export const ecrLoginConfig: CheckDefinition = {
  id: 'ecr-login-config',
  title: 'ecr-login is set up per registry',
  versions: 'All versions, every platform, with different rules: macOS from 1.15.0, creds_helpers must not list ecr-login; Windows and macOS before 1.15.0, the trade-off; Linux, creds_helpers is ignored.',
  requires: ['config-json-valid', 'finch-yaml-valid'],
  run: ({ snap, env, ecrHosts, rules }) => {
    const config = snap.config;
    const yamlListsEcr = rules.hasVm && snap.yaml.credsHelpers.includes('ecr-login');
    if (rules.helpersInVm && (yamlListsEcr || config.credsStore === 'ecr-login')) {
      const missing = ecrHostsWithoutHelper(config, ecrHosts);
      return warn(
        `${inVmTradeOff(rules)}${config.credsStore === 'ecr-login' ? ' credsStore is "ecr-login" now.' : ''}` +
          (missing.length ? ` ${listWords(missing)} ${missing.length === 1 ? 'is' : 'are'} not in credHelpers yet: the fix adds them (Finch leaves those alone).` : ''),
        missing.length ? { id: 'ecr-login-setup', label: 'Send them to ecr-login' } : undefined,
      );
    }
    if (config.credsStore === 'ecr-login') {
      const store = platformStore(rules);
      return error(
        'config.json sets credsStore to "ecr-login". ecr-login can fetch Amazon ECR tokens but cannot save passwords, so ' +
          '`finch login` fails for every other registry (Docker Hub, GitHub, your company\u2019s) with "not implemented". ' +
          (yamlListsEcr
            ? `${finchName(rules)} sets it by itself at every VM start because finch.yaml lists ecr-login in creds_helpers (finch #480). `
            : 'Finch\u2019s guide suggests this setting. ') +
          `The fix sends only ECR registries to ecr-login, one by one (credHelpers), ${store ? `sets credsStore back to "${store}"` : 'removes credsStore'}` +
          (yamlListsEcr ? ', and takes ecr-login out of creds_helpers so that it stays that way.' : '.'),
        setupFix,
      );
    }
    if (yamlListsEcr && rules.credentialServer) {
      return error(
        `finch.yaml lists ecr-login in creds_helpers, so at the next VM start ${finchName(rules)} sets credsStore to "ecr-login" ` +
          '(finch #480) and `finch login` then fails for every registry that is not Amazon ECR. On macOS it is not needed: ' +
          'Finch\u2019s credential server runs the ecr-login installed on this Mac for the registries credHelpers sends to it. ' +
          'The fix takes it out of creds_helpers and sends the known ECR registries to ecr-login in config.json.',
        setupFix,
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
