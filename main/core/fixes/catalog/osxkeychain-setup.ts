import { access, constants, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../../env';
import { Failure } from '../../failure';
import { osxkeychainInstall } from '../../health/osxkeychain-install';
import type { Paths } from '../../paths';
import { loadConfigForEdit } from '../config-json-edit';
import { readState } from '../current-file';
import { installRoute } from '../elevation';
import type { FileEdit } from '../file-edit';
import type { FixDefinition } from '../fix-definition';
import { helperFromDir, storedCopiesLeft } from '../plaintext-migration';
import { backupNote } from './migrate-plaintext';
import { nothingToDo } from './nothing-to-do';
import { planPlaintextMove } from './plaintext-move';

/** A real Mac, not a macOS-shaped home simulated elsewhere (tests, support): only there can osascript ask. */
export function isRealMac(env: Env, paths: Paths): boolean {
  return process.platform === 'darwin' && env.platform === 'darwin' && !paths.root;
}

/** The folder, or the nearest parent that exists (mkdir -p creates the rest), is writable by us. */
async function canWriteInto(dir: string): Promise<boolean> {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      await access(d, constants.W_OK);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
    if (path.dirname(d) === d) return false;
  }
}

export const osxkeychainSetup: FixDefinition = {
  id: 'osxkeychain-setup',
  title: 'Use the macOS keychain for Finch logins',
  versions: 'macOS from 1.15.0 only (a copy, not a symlink, which 1.18.0 refuses); refused before 1.15.0, whose VM has no keychain.',
  checkId: 'osxkeychain-helper',
  undoLeaves: ({ env, paths }) => storedCopiesLeft(env, paths, 'osxkeychain'),
  async plan({ env, paths, rules }) {
    if (env.platform !== 'darwin') throw new Failure('fix-not-applicable', 'The keychain helper is only for Finch on macOS.');
    if (!rules.credentialServer) {
      throw new Failure('fix-not-applicable', `Finch ${rules.version ?? ''} logs in inside its VM, which has no macOS keychain: the keychain helper is used from Finch 1.15 on.`, 'Update Finch to 1.15 or later.');
    }
    const found = osxkeychainInstall(paths, rules);
    const edits: FileEdit[] = [];
    const said: string[] = [];
    const commands: string[] = [];
    // Before the copy exists, secrets are stored with Finch's own copy: the same program.
    let helperDir = found.usable ? path.dirname(found.usable) : path.dirname(found.bundled);

    if (!found.usable) {
      if (!found.bundledExists) {
        throw new Failure(
          'helper-source-missing',
          `Finch\u2019s own copy of the keychain helper is missing (${found.bundled}).`,
          'Reinstall Finch, or run `brew install docker-credential-helper` and copy (not link) docker-credential-osxkeychain into /usr/local/bin.',
        );
      }
      const route = installRoute({
        realMac: isRealMac(env, paths),
        writable: await canWriteInto(path.dirname(found.target)),
        source: found.bundled,
        dest: found.target,
        mode: 0o755,
      });
      if (route.how === 'refused') throw new Failure('needs-admin', route.message, route.hint);
      edits.push({
        file: found.target,
        current: await readState(found.target),
        after: await readFile(found.bundled),
        mode: 0o755,
        dirMode: 0o755,
        kind: 'binary',
        via: route.how,
        source: found.bundled,
      });
      commands.push(route.command);
      const symlinks = found.sightings.filter((s) => s.kind === 'symlink').map((s) => s.file);
      said.push(
        `Finch\u2019s own docker-credential-osxkeychain is copied to ${found.target}, where Finch\u2019s credential server looks for it. ` +
          'A copy, not a link: Finch 1.18 and later ignore symlinked helpers' +
          (symlinks.length ? ` (like ${symlinks.join(', ')})` : '') +
          '.' +
          (route.how === 'osascript' ? ` ${path.dirname(found.target)} needs administrator rights: macOS will ask for your password.` : ''),
      );
      helperDir = path.dirname(found.bundled);
    }

    const cfg = await loadConfigForEdit(paths.configJson);
    let prepareMove: (() => Promise<{ edit: FileEdit | null; notes: string[]; complete: boolean }>) | undefined;
    if (!cfg.config.credsStore) {
      const move = planPlaintextMove(cfg, env, paths, rules, { helper: 'osxkeychain', setsCredsStore: true }, (helper) => helperFromDir(helper, helperDir, env, paths));
      said.push(...move.said);
      commands.push(...move.commands);
      if (move.preview) edits.push(move.preview);
      if (move.commands.length) said.push(backupNote);
      prepareMove = move.run;
    } else if (cfg.config.credsStore !== 'osxkeychain') {
      said.push(`config.json keeps credsStore "${cfg.config.credsStore}"; the other checks say whether Finch can use it.`);
    }
    if (edits.length === 0) return nothingToDo('The keychain helper is installed and config.json uses it: nothing to change.');
    return {
      explanation: said.join('\n\n'),
      edits,
      commands,
      needsVmRestart: false,
      ...(prepareMove
        ? {
            prepare: async () => {
              const r = await prepareMove();
              const config = edits.find((e) => e.kind === 'json');
              const rest = edits.filter((e) => e !== config);
              return { edits: r.edit ? [...rest, r.edit] : rest, notes: r.notes, complete: r.complete };
            },
          }
        : {}),
    };
  },
};
