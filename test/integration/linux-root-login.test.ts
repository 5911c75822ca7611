// Linux from a desktop menu: the window is not root, sudo wants a password, pkexec shows the desktop's dialog. A batch
// of logins asks for root once and runs each `finch login` in that one root session, with the secret on stdin only
// (issue 11, point 2). Against the real stack: the finch stand-in over the docker CLI and the real registries; sudo
// and pkexec are stand-ins (test/support/root-stand-ins.ts) since neither is installed here.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { currentEnv, type Env } from '../../main/core/env';
import { loginMany, logout } from '../../main/core/login/login-service';
import { stack } from '../support/login-home';
import { pkexecStandIn, sudoStandIn } from '../support/root-stand-ins';
import { makeSandbox } from '../support/sandbox-home';
import { needs } from '../support/needs';

const ecrUser = 'AWS';

function desktopUser(pkexec: 'yes' | 'dismissed') {
  const sb = makeSandbox({
    platform: 'linux',
    files: { 'root/root/.docker/config.json': '{}\n' },
    programs: { 'bin/pkexec': pkexecStandIn(pkexec), 'bin/sudo': sudoStandIn(false) },
    vars: { DISPLAY: ':0' },
  });
  Object.assign(sb.vars, {
    FINCH_LOGINS_FINCH: stack.finch,
    DOCKER_CONFIG: sb.file('root/root/.docker'),
    FL_ROOT_LOG: sb.file('root.log'),
    FL_ROOT_HOME: sb.file('root/root'),
  });
  const env: Env = { ...currentEnv(sb.vars), isRoot: false };
  const config = () => JSON.parse(readFileSync(sb.file('root/root/.docker/config.json'), 'utf8')) as { auths?: Record<string, { auth?: string }> };
  const rootCalls = () => readFileSync(sb.file('root.log'), 'utf8').trim().split('\n');
  return { sb, env, config, rootCalls };
}

needs('the test stack (e2e/stack/with-stack.sh)', stack.up)('Linux, a desktop user without passwordless sudo', () => {
  it('a batch of two logins asks for root once (pkexec), and both land in root\u2019s config.json', async () => {
    const m = desktopUser('yes');
    const outcomes = await loginMany(m.env, [
      { host: stack.registry, username: stack.user, password: stack.password },
      { host: stack.ecrRegistry, username: ecrUser, password: stack.tokenPassword },
    ]);
    expect(outcomes.map((o) => [o.host, o.result, o.error?.message])).toEqual([
      [stack.registry, 'logged-in', undefined],
      [stack.ecrRegistry, 'logged-in', undefined],
    ]);
    const calls = m.rootCalls();
    // sudo was asked first (the exact finch command, -n: no prompt) and wanted a password; then one pkexec.
    expect(calls.filter((c) => c.startsWith('sudo')).map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([`sudo -n DOCKER_CONFIG=${m.sb.file('root/root/.docker')}`]);
    expect(calls.filter((c) => c.startsWith('pkexec'))).toEqual(['pkexec /bin/sh -c']);
    const auths = m.config().auths ?? {};
    expect(Buffer.from(auths[stack.registry]!.auth!, 'base64').toString()).toBe(`${stack.user}:${stack.password}`);
    expect(Buffer.from(auths[stack.ecrRegistry]!.auth!, 'base64').toString()).toBe(`${ecrUser}:${stack.tokenPassword}`);
    expect(readFileSync(m.sb.file('root.log'), 'utf8')).not.toContain(stack.password);

    // A logout is its own batch: one more dialog, and the login is gone from root's file.
    await logout(m.env, { host: stack.registry });
    expect(m.rootCalls().filter((c) => c.startsWith('pkexec'))).toHaveLength(2);
    expect(Object.keys(m.config().auths ?? {})).toEqual([stack.ecrRegistry]);
  });

  it('a closed password dialog fails each login with needs-root, says what to do, and changes nothing', async () => {
    const m = desktopUser('dismissed');
    const outcomes = await loginMany(m.env, [
      { host: stack.registry, username: stack.user, password: stack.password },
      { host: stack.ecrRegistry, username: ecrUser, password: stack.tokenPassword },
    ]);
    for (const o of outcomes) {
      expect(o.result).toBe('failed');
      expect(o.error).toMatchObject({ kind: 'needs-root', message: expect.stringMatching(/password dialog was closed/), hint: expect.stringMatching(/asked once for each batch/) });
    }
    expect(m.rootCalls().filter((c) => c.startsWith('pkexec'))).toHaveLength(1);
    expect(m.config()).toEqual({});
  });
});
