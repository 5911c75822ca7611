import path from 'node:path';
import type { Env } from '../../env';
import { resolvePaths } from '../../paths';
import type { CheckDefinition } from '../check-definition';
import { error, ok, warn } from '../verdict';

/**
 * DOCKER_CONFIG in the app's own environment moves the config.json it reads and the one its logins go to (finch is
 * run with it), but not the one Finch's pulls read: on macOS the credential server reads ~/.finch unless the shell
 * running the pull has DOCKER_CONFIG set too (HOST_DOCKER_CONFIG, pkg/credserver/utils_darwin.go); on Windows the VM
 * always reads %LOCALAPPDATA%\.finch; on Linux a plain `sudo finch pull` reads root's ~/.docker. Where pulls read.
 */
function pullsRead(env: Env): string {
  const { DOCKER_CONFIG: _ignored, ...vars } = env.vars;
  return resolvePaths({ ...env, vars }).configJson;
}

/** Why nothing in root's config.json can be judged by a user who is not root, and how to judge it anyway. */
export function rootOnly(file: string): string {
  return (
    `only root can read ${file}, so what it holds cannot be checked from here. To check it, run ` +
    '`sudo finch-logins doctor` in a terminal. Logging in still works from here (Finch Logins runs finch as root).'
  );
}

export const configJsonValid: CheckDefinition = {
  id: 'config-json-valid',
  title: 'config.json is readable',
  versions: 'All versions, every platform.',
  run: ({ snap, paths, env }) => {
    const file = paths.configJson;
    const pulls = pullsRead(env);
    const moved =
      env.vars.DOCKER_CONFIG && path.resolve(pulls) !== path.resolve(file)
        ? ` DOCKER_CONFIG is set for Finch Logins (${env.vars.DOCKER_CONFIG}), so it reads and logs in to ${file}; but Finch\u2019s pulls read ${pulls}` +
          (env.platform === 'darwin' ? ' unless the terminal that pulls sets the same DOCKER_CONFIG' : '') +
          '. Unset DOCKER_CONFIG for Finch Logins, or make sure pulls use the same folder.'
        : '';
    // The snapshot also files "its logins could not be listed" under config.json: that is helper-responds' verdict.
    const notes = snap.problems.filter((p) => p.file === file && !/could not be listed/.test(p.message)).map((p) => p.message);
    if (snap.config.denied) {
      return {
        ...ok(
          `${file} is root's (Finch on Linux runs as root) and can be read only as root, so the logins in it show as ` +
            'unknown here. Logging in works: Finch Logins runs finch as root, asking for your password once per batch.',
        ),
        // What it holds is unknown, so the checks that judge its content must not pass on an empty file.
        unknownForDependents: rootOnly(file),
      };
    }
    if (!snap.config.exists) return ok(`${file} does not exist yet; Finch creates it at the first login.`);
    if (!snap.config.valid) {
      return error(
        `${file} cannot be read: ${notes.join(' ') || 'it could not be understood.'} Finch and Finch Logins both need ` +
          'this file for every login. Fix it in a text editor (or move it away to start afresh); Finch Logins will not ' +
          'change it until then.',
      );
    }
    if (notes.length > 0) return warn(`${file} has entries Finch ignores: ${notes.join(' ')}${moved}`);
    if (moved) return warn(moved.trim());
    const logins = Object.keys(snap.config.auths).length;
    return ok(`${file} is valid JSON (${logins} login${logins === 1 ? '' : 's'}${snap.config.credsStore ? `, credsStore "${snap.config.credsStore}"` : ''}).`);
  },
};
