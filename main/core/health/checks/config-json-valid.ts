import type { CheckDefinition } from '../check-definition';
import { error, ok, warn } from '../verdict';

export const configJsonValid: CheckDefinition = {
  id: 'config-json-valid',
  title: 'config.json is readable',
  run: ({ snap, paths }) => {
    const file = paths.configJson;
    // The snapshot also files "its logins could not be listed" under config.json: that is helper-responds' verdict.
    const notes = snap.problems.filter((p) => p.file === file && !/could not be listed/.test(p.message)).map((p) => p.message);
    if (snap.config.denied) {
      return ok(
        `${file} is root's (Finch on Linux runs as root) and can be read only as root, so the logins in it show as ` +
          'unknown here. Logging in works: Finch Logins runs finch as root, asking for your password once per batch.',
      );
    }
    if (!snap.config.exists) return ok(`${file} does not exist yet; Finch creates it at the first login.`);
    if (!snap.config.valid) {
      return error(
        `${file} cannot be read: ${notes.join(' ') || 'it could not be understood.'} Finch and Finch Logins both need ` +
          'this file for every login. Fix it in a text editor (or move it away to start afresh); Finch Logins will not ' +
          'change it until then.',
      );
    }
    if (notes.length > 0) return warn(`${file} has entries Finch ignores: ${notes.join(' ')}`);
    const logins = Object.keys(snap.config.auths).length;
    return ok(`${file} is valid JSON (${logins} login${logins === 1 ? '' : 's'}${snap.config.credsStore ? `, credsStore "${snap.config.credsStore}"` : ''}).`);
  },
};
