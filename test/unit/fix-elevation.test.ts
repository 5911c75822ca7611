// Copying the keychain helper into a folder only an administrator can write: the command is built by pure
// functions (shown in the preview, run through osascript on a real Mac). Here the scripts are run by /bin/sh,
// which is what `do shell script` does, to prove they copy, chmod and undo correctly even for odd paths.
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { isRealMac } from '../../main/core/fixes/catalog/osxkeychain-setup';
import { readState } from '../../main/core/fixes/current-file';
import { appleScriptString, installRoute, osascriptArgs, shellQuote } from '../../main/core/fixes/elevation';
import type { FileEdit } from '../../main/core/fixes/file-edit';
import type { Elevator } from '../../main/core/fixes/file-writer';
import { commitEdits } from '../../main/core/fixes/transaction';
import { undoLast } from '../../main/core/fixes/undo';
import { resolvePaths } from '../../main/core/paths';
import { makeSandbox } from '../support/sandbox-home';

/** AppleScript's string literal, read back the way osascript reads it. */
function fromAppleScript(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\(["\\])/g, '$1');
}
/** What osascript would run for these args: the `do shell script` text, through /bin/sh. */
const shElevator = (seen: string[]): Elevator => ({
  async run(script) {
    seen.push(script);
    const args = osascriptArgs(script);
    const m = /^do shell script (".*") with administrator privileges$/s.exec(args[1]!);
    expect(m).not.toBeNull();
    execFileSync('/bin/sh', ['-c', fromAppleScript(m![1]!)]);
  },
});

describe('installRoute', () => {
  const base = { source: '/Applications/Finch/cred-helpers/docker-credential-osxkeychain', dest: '/usr/local/bin/docker-credential-osxkeychain', mode: 0o755 };

  it('copies directly when the folder is writable', () => {
    expect(installRoute({ ...base, realMac: true, writable: true })).toEqual({
      how: 'direct',
      command: 'cp /Applications/Finch/cred-helpers/docker-credential-osxkeychain /usr/local/bin/docker-credential-osxkeychain && chmod 755 /usr/local/bin/docker-credential-osxkeychain',
    });
  });

  it('asks for administrator rights through osascript on a real Mac, showing the exact command', () => {
    const r = installRoute({ ...base, realMac: true, writable: false });
    expect(r.how).toBe('osascript');
    if (r.how !== 'osascript') return;
    expect(r.script).toBe(
      'mkdir -p /usr/local/bin && cp /Applications/Finch/cred-helpers/docker-credential-osxkeychain /usr/local/bin/.docker-credential-osxkeychain.finch-logins.tmp' +
        ' && chmod 755 /usr/local/bin/.docker-credential-osxkeychain.finch-logins.tmp && mv -f /usr/local/bin/.docker-credential-osxkeychain.finch-logins.tmp /usr/local/bin/docker-credential-osxkeychain',
    );
    expect(r.command).toBe(`/usr/bin/osascript -e ${shellQuote(`do shell script "${r.script}" with administrator privileges`)}`);
  });

  it('elsewhere (no OS prompt to ask), refuses and says to use sudo', () => {
    const r = installRoute({ ...base, realMac: false, writable: false });
    expect(r).toMatchObject({ how: 'refused', message: expect.stringMatching(/\/usr\/local\/bin is not writable/) });
    if (r.how === 'refused') expect(r.hint).toMatch(/^Run it as an administrator: sudo cp .* && sudo chmod 755 /);
  });

  it('a macOS-shaped home on this Linux machine is not a real Mac', () => {
    const env = currentEnv({ HOME: '/h', FINCH_LOGINS_PLATFORM: 'darwin' });
    expect(isRealMac(env, resolvePaths(env))).toBe(process.platform === 'darwin');
  });
});

describe('quoting', () => {
  it('survives spaces, quotes, backslashes and $ in paths, through AppleScript and sh', () => {
    const odd = `it's "a" \\ $HOME test`;
    expect(fromAppleScript(appleScriptString(odd))).toBe(odd);
    expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(odd)}`], { encoding: 'utf8' })).toBe(odd);
  });
});

describe('privileged copies through the transaction', () => {
  it('copies with the shown script, and undo removes the copy through the same prompt', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    sb.write(`root/Applications/Fin"ch's/cred helpers/docker-credential-osxkeychain`, '#!/bin/sh\necho helper\n', 0o644);
    const source = sb.file(`root/Applications/Fin"ch's/cred helpers/docker-credential-osxkeychain`);
    const dest = sb.file('root/usr/local/bin/docker-credential-osxkeychain');
    const seen: string[] = [];
    const edit: FileEdit = {
      file: dest, current: await readState(dest), after: readFileSync(source), mode: 0o755, dirMode: 0o755, kind: 'binary', via: 'osascript', source,
    };
    await commitEdits([edit], { fixId: 'osxkeychain-setup', stateDir: sb.vars.FINCH_LOGINS_STATE_DIR!, now: new Date(), elevator: shElevator(seen) });
    expect(readFileSync(dest, 'utf8')).toBe('#!/bin/sh\necho helper\n');
    expect(statSync(dest).mode & 0o777).toBe(0o755);
    expect(lstatSync(dest).isSymbolicLink()).toBe(false);
    expect(seen[0]).toContain('mkdir -p');
    await undoLast(currentEnv(sb.vars), shElevator(seen));
    expect(() => statSync(dest)).toThrow();
    expect(seen[1]).toBe(`rm -f ${dest}`);
  });

  it('undo puts a replaced symlink back through the prompt too', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    sb.write('root/src/helper', 'new', 0o755);
    sb.write('root/usr/local/bin/.keep', '');
    const dest = sb.file('root/usr/local/bin/docker-credential-osxkeychain');
    execFileSync('ln', ['-s', '/opt/homebrew/Cellar/x', dest]);
    const seen: string[] = [];
    const edit: FileEdit = {
      file: dest, current: await readState(dest), after: Buffer.from('new'), mode: 0o755, dirMode: 0o755, kind: 'binary', via: 'osascript', source: sb.file('root/src/helper'),
    };
    await commitEdits([edit], { fixId: 'osxkeychain-setup', stateDir: sb.vars.FINCH_LOGINS_STATE_DIR!, now: new Date(), elevator: shElevator(seen) });
    expect(readFileSync(dest, 'utf8')).toBe('new');
    await undoLast(currentEnv(sb.vars), shElevator(seen));
    expect(readlinkSync(dest)).toBe('/opt/homebrew/Cellar/x');
  });
});
