// Sending Amazon ECR registries to ecr-login, per platform and Finch version:
// - macOS ≥ 1.15 (credential server) and Linux: per-registry credHelpers → ecr-login, the store kept for everything
//   else (credsStore "ecr-login" goes back to "osxkeychain" or is removed), and on macOS ecr-login taken OUT of
//   finch.yaml's creds_helpers: listing it makes Finch set credsStore to ecr-login at every VM start (runfinch/finch
//   pkg/dependency/credhelper/cred_helper_binary.go, finch #480), and the copy it downloads is a Linux binary the
//   host never runs. The helper itself must be on the host (ecr-login-helper checks it).
// - Windows and macOS < 1.15 (helpers run in the VM): only creds_helpers puts ecr-login there, and then Finch forces
//   credsStore to ecr-login at every start, which breaks `finch login` for every other registry. No edit can hold
//   against that, so the fix adds only the credHelpers entries (which Finch leaves alone) and explains the trade-off.
import { finchLockWaitMs, whenNotRewriting } from '../../finch/finch-lock';
import { inVmTradeOff } from '../../health/ecr-login-trade-off';
import { ecrHostsWithoutHelper, knownEcrHosts } from '../../health/known-registries';
import { platformStore } from '../../health/store-support';
import { listWords } from '../../health/verdict';
import { configEdit, isObject, loadConfigForEdit } from '../config-json-edit';
import type { FileEdit } from '../file-edit';
import type { FixDefinition } from '../fix-definition';
import { credsHelperRemoval, loadYamlForEdit } from '../finch-yaml-edit';

const whyNotCredsStore =
  'Why not `credsStore: ecr-login`, as Finch\u2019s guide suggests? ecr-login can fetch Amazon ECR tokens but cannot save ' +
  'passwords, so as the store it makes `finch login` fail for every other registry (Docker Hub, GitHub, your company\u2019s) ' +
  'with "not implemented". Per-registry credHelpers send only the ECR registries to ecr-login and leave the store for ' +
  'everything else.';

export const ecrLoginSetup: FixDefinition = {
  id: 'ecr-login-setup',
  title: 'Let ecr-login fetch Amazon ECR tokens',
  versions: 'All versions, every platform, with different edits: macOS from 1.15.0 takes ecr-login out of creds_helpers; Windows and macOS before 1.15.0 add credHelpers only and explain the trade-off; Linux removes credsStore ecr-login.',
  checkId: 'ecr-login-config',
  async plan({ paths, snap, rules }) {
    const cfg = await loadConfigForEdit(paths.configJson);
    const missing = ecrHostsWithoutHelper(cfg.config, knownEcrHosts(cfg.config, snap.store, snap.state));
    // Where helpers run in the VM, Finch puts credsStore back to ecr-login at each start: changing it cannot hold.
    const storeIsEcr = cfg.config.credsStore === 'ecr-login' && !rules.helpersInVm;
    const replacement = platformStore(rules);
    // Read when no finch of ours has it truncated (every finch command rewrites it in place, finch-lock.ts).
    const yaml = rules.credentialServer ? await whenNotRewriting(paths, finchLockWaitMs, () => loadYamlForEdit(paths.finchYaml)) : null;

    const configChange = configEdit(cfg, (doc) => {
      if (missing.length > 0) {
        const helpers = isObject(doc.credHelpers) ? doc.credHelpers : {};
        for (const host of missing) helpers[host] = 'ecr-login';
        doc.credHelpers = helpers;
      }
      if (storeIsEcr) {
        if (replacement) doc.credsStore = replacement;
        else delete doc.credsStore;
      }
    });
    const yamlChange = yaml ? await credsHelperRemoval(yaml, 'ecr-login') : null;
    const edits = [yamlChange, configChange].filter((e): e is FileEdit => e !== null);

    const said: string[] = [whyNotCredsStore];
    if (storeIsEcr) said.push(replacement ? `credsStore goes back from "ecr-login" to "${replacement}".` : 'credsStore "ecr-login" is removed.');
    if (missing.length > 0) said.push(`config.json\u2019s credHelpers sends ${listWords(missing)} to ecr-login.`);
    else if (!Object.values(cfg.config.credHelpers).includes('ecr-login')) {
      said.push('No Amazon ECR registries are known yet: add them in Finch Logins, then apply this again (credHelpers has no wildcards).');
    }
    if (yamlChange) {
      said.push(
        'ecr-login is taken out of finch.yaml\u2019s creds_helpers: with it listed, Finch sets credsStore to "ecr-login" at ' +
          'every VM start (finch #480), and the copy it downloads is a Linux program for the VM that macOS never runs. ' +
          'Finch\u2019s credential server runs the ecr-login installed on this Mac instead.',
      );
    }
    if (rules.credentialServer) {
      said.push(
        'The helper must be a real file (not a symlink: Finch 1.18 ignores those) in one of the folders Finch\u2019s ' +
          `credential server searches (${paths.credserverBinDirs.join(', ')}); the "Amazon ECR helper" check says whether it is.`,
      );
    }
    if (rules.helpersInVm) said.push(inVmTradeOff(rules));
    if (rules.platform === 'linux') {
      said.push('Finch on Linux ignores creds_helpers in finch.yaml; install docker-credential-ecr-login for root (`sudo apt install amazon-ecr-credential-helper`).');
    }
    said.push('ecr-login signs in with the AWS profile in AWS_PROFILE, or the default profile, for every ECR registry.');
    if (edits.length === 0) said.unshift('ecr-login is already set up for every known Amazon ECR registry: nothing to change.');
    return { explanation: said.join('\n\n'), edits, commands: [], needsVmRestart: false };
  },
};
