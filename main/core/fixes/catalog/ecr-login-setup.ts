import { ecrHostsWithoutHelper, knownEcrHosts } from '../../health/known-registries';
import { platformStore } from '../../health/store-support';
import { listWords } from '../../health/verdict';
import { configEdit, isObject, loadConfigForEdit } from '../config-json-edit';
import type { FileEdit } from '../file-edit';
import type { FixDefinition } from '../fix-definition';
import { credsHelperEdit, loadYamlForEdit } from '../finch-yaml-edit';

const whyNotCredsStore =
  'Why not `credsStore: ecr-login`, as Finch\u2019s guide suggests? ecr-login can fetch Amazon ECR tokens but cannot save ' +
  'passwords, so as the store it makes `finch login` fail for every other registry (Docker Hub, GitHub, your company\u2019s). ' +
  'Per-registry credHelpers send only the ECR registries to ecr-login and leave the store for everything else.';

export const ecrLoginSetup: FixDefinition = {
  id: 'ecr-login-setup',
  title: 'Let ecr-login fetch Amazon ECR tokens',
  checkId: 'ecr-login-config',
  async plan({ env, paths, snap }) {
    const cfg = await loadConfigForEdit(paths.configJson);
    // Finch on Linux ignores creds_helpers; elsewhere it installs the helpers listed there for the VM.
    const yaml = env.platform === 'linux' ? null : await loadYamlForEdit(paths.finchYaml);
    const missing = ecrHostsWithoutHelper(cfg.config, knownEcrHosts(cfg.config, snap.store, snap.state));
    const storeIsEcr = cfg.config.credsStore === 'ecr-login';
    const replacement = platformStore(env.platform);

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
    const yamlChange = yaml ? await credsHelperEdit(yaml, 'ecr-login') : null;
    const edits = [yamlChange, configChange].filter((e): e is FileEdit => e !== null);

    const said: string[] = [whyNotCredsStore];
    if (storeIsEcr) said.push(replacement ? `credsStore goes back from "ecr-login" to "${replacement}".` : 'credsStore "ecr-login" is removed.');
    if (missing.length > 0) said.push(`config.json\u2019s credHelpers sends ${listWords(missing)} to ecr-login.`);
    else if (!Object.values(cfg.config.credHelpers).includes('ecr-login')) {
      said.push('No Amazon ECR registries are known yet: add them in Finch Logins, then apply this again (credHelpers has no wildcards).');
    }
    if (yamlChange) {
      said.push(
        'finch.yaml gets ecr-login in creds_helpers, so Finch installs the helper for its VM; that needs a VM restart. When it ' +
          'first installs the helper, Finch sets credsStore to "ecr-login" again by itself (finch #480): the checks will show it, ' +
          'and applying this fix once more puts it right.',
      );
    }
    if (env.platform === 'linux') {
      said.push('On Linux Finch ignores creds_helpers in finch.yaml, so that file is left alone; install docker-credential-ecr-login for root (`sudo apt install amazon-ecr-credential-helper`).');
    }
    said.push('ecr-login signs in with the AWS profile in AWS_PROFILE, or the default profile, for every ECR registry.');
    if (edits.length === 0) said.unshift('ecr-login is already set up for every known Amazon ECR registry: nothing to change.');
    return { explanation: said.join('\n\n'), edits, commands: [], needsVmRestart: !!yamlChange };
  },
};
