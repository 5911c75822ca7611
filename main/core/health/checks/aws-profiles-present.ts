import type { CheckDefinition } from '../check-definition';
import { ecrLoginConfigured } from '../known-registries';
import { listWords, ok, skipped, warn } from '../verdict';
import { rootOnly } from './config-json-valid';

export const awsProfilesPresent: CheckDefinition = {
  id: 'aws-profiles-present',
  title: 'AWS profiles for Amazon ECR',
  versions: 'All versions, every platform (the AWS CLI\u2019s files, not Finch\u2019s).',
  requires: ['aws-config-valid'],
  run: ({ snap, env, ecrHosts, paths }) => {
    const names = snap.aws.profiles.map((p) => p.name);
    if (names.length > 0) return ok(`${names.length} AWS profile${names.length === 1 ? '' : 's'}: ${listWords(names)}.`);
    const usesEcr = ecrHosts.length > 0 || ecrLoginConfigured(snap.config, snap.yaml.credsHelpers, env.platform);
    // Root's config.json that we may not read can name ECR registries we do not see: not known, so not "ok".
    if (!usesEcr && snap.config.denied) return skipped(`There are no AWS profiles, which only Amazon ECR needs; whether ECR registries are set up cannot be told: ${rootOnly(paths.configJson)}`);
    if (!usesEcr) return ok('There are no AWS profiles; they are only needed for Amazon ECR.');
    return warn(
      'Amazon ECR registries are set up, but there is no AWS profile to log in to them with. Run `aws configure` ' +
        '(access keys) or `aws configure sso` (IAM Identity Center) in a terminal, then check again.',
    );
  },
};
