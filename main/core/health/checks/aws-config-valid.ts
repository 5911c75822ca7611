import { existsSync } from 'node:fs';
import type { CheckDefinition } from '../check-definition';
import { error, ok } from '../verdict';

export const awsConfigValid: CheckDefinition = {
  id: 'aws-config-valid',
  title: 'AWS config files are readable',
  versions: 'All versions, every platform (the AWS CLI\u2019s files, not Finch\u2019s).',
  run: ({ snap, paths }) => {
    const problems = snap.aws.problems;
    if (problems.length > 0) {
      return error(
        `${problems.map((p) => `${p.file}: ${p.message}`).join(' ')} Amazon ECR logins read AWS credentials from these files; ` +
          'fix the line named above in a text editor.',
      );
    }
    const present = [paths.awsConfig, paths.awsCredentials].filter((f) => existsSync(f));
    if (present.length === 0) return ok(`There are no AWS files (${paths.awsConfig}, ${paths.awsCredentials}); they are only needed for Amazon ECR.`);
    return ok(`${present.join(' and ')} ${present.length === 1 ? 'reads' : 'read'} without problems.`);
  },
};
