import type { CheckDefinition } from '../check-definition';
import { error, ok } from '../verdict';

export const finchYamlValid: CheckDefinition = {
  id: 'finch-yaml-valid',
  title: 'finch.yaml is readable',
  versions: 'All versions, every platform (every finch command reads it).',
  run: ({ snap, paths }) => {
    const file = paths.finchYaml;
    if (!snap.yaml.exists) return ok(`${file} does not exist yet; Finch writes it with its defaults the next time it runs.`);
    if (!snap.yaml.valid) {
      const notes = snap.problems.filter((p) => p.file === file).map((p) => p.message);
      return error(
        `${file} cannot be read: ${notes.join(' ') || 'it could not be understood.'} Fix it in a text editor; Finch ` +
          'Logins will not change it until then.',
      );
    }
    const helpers = snap.yaml.credsHelpers;
    return ok(`${file} is valid YAML${helpers.length ? ` (creds_helpers: ${helpers.join(', ')})` : ''}.`);
  },
};
