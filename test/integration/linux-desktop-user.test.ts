// The whole of issue 11's Linux case, for real: the built CLI runs as an unprivileged user (`nobody`), root's
// config.json is in a root-only folder, sudo wants a password, and pkexec is a stand-in that really becomes root
// (setuid root, as pkexec is: test/support/pkexec-stand-in). A login must go through one elevation and land in root's
// file; status must show root's file as root's, not as a problem. The finch stand-in and the registry are the stack's.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { LoginOutcome, Status } from '../../shared/types';
import { builtCli } from '../support/cli';
import { stack } from '../support/login-home';
import { sudoStandIn } from '../support/root-stand-ins';
import { makeSandbox } from '../support/sandbox-home';
import { needs } from '../support/needs';

const nobody = 65534;
const pkexecSource = path.resolve(__dirname, '../support/pkexec-stand-in/main.go');
let pkexecBinary = '';

function desktop(answer: 'yes' | 'dismissed') {
  const sb = makeSandbox({ platform: 'linux', files: { 'root/root/.docker/config.json': '{}\n' }, programs: { 'bin/sudo': sudoStandIn(false) } });
  copyFileSync(pkexecBinary, sb.file('bin/pkexec'));
  chmodSync(sb.file('bin/pkexec'), 0o4755); // setuid root, as installed by polkit
  copyFileSync(stack.finch, sb.file('bin/finch'));
  chmodSync(sb.file('bin/finch'), 0o755);
  writeFileSync(sb.file('answer'), answer);
  writeFileSync(sb.file('root.log'), '');
  chmodSync(sb.file('root.log'), 0o666);
  for (const d of [sb.dir, sb.root, sb.file('bin')]) chmodSync(d, 0o755);
  chmodSync(sb.file('root/root'), 0o700); // root's home: nobody else may even look in
  chmodSync(sb.file('root/root/.docker/config.json'), 0o600);
  for (const d of [sb.home]) chownSync(d, nobody, nobody);
  Object.assign(sb.vars, {
    FINCH_LOGINS_FINCH: sb.file('bin/finch'),
    DISPLAY: ':0',
    FL_PKEXEC_ANSWER: sb.file('answer'),
    FL_ROOT_HOME: sb.file('root/root'),
    FL_ROOT_LOG: sb.file('root.log'),
    FINCH_LOGINS_STATE_DIR: path.join(sb.home, 'state'),
  });
  const cli = (args: string[], input = '') => spawnSync(process.execPath, [builtCli, ...args], { env: sb.vars, input, encoding: 'utf8', uid: nobody, gid: nobody });
  const rootConfig = () => JSON.parse(readFileSync(sb.file('root/root/.docker/config.json'), 'utf8')) as { auths?: Record<string, { auth?: string }> };
  const calls = () => readFileSync(sb.file('root.log'), 'utf8').trim().split('\n').filter(Boolean);
  return { sb, cli, rootConfig, calls };
}

needs('the test stack, root (CI runs as root) and a build (npm run build)', stack.up && process.getuid?.() === 0 && existsSync(builtCli))('Linux: a desktop user who is not root', () => {
  beforeAll(() => {
    pkexecBinary = path.join(path.dirname(stack.finch), 'pkexec-stand-in');
    execFileSync('go', ['build', '-o', pkexecBinary, pkexecSource], { env: { ...process.env, GOPROXY: 'off', GOCACHE: path.join(process.env.TMPDIR ?? '/tmp', 'finch-logins-go-cache') } });
  });

  it('logs in through one real elevation into root-only config.json; status shows it as root\u2019s, not a problem', () => {
    const m = desktop('yes');
    const r = m.cli(['login', stack.registry, '--username', stack.user, '--password-stdin', '--json'], stack.password);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const [o] = (JSON.parse(r.stdout) as { results: LoginOutcome[] }).results;
    expect(o).toMatchObject({ host: stack.registry, result: 'logged-in' });
    // One elevation, asked by nobody; finch ran as root and wrote root's file.
    expect(m.calls().filter((c) => c.startsWith('pkexec-setuid'))).toEqual([`pkexec-setuid uid=${nobody} /bin/sh`]);
    const auth = m.rootConfig().auths?.[stack.registry]?.auth;
    expect(Buffer.from(auth ?? '', 'base64').toString()).toBe(`${stack.user}:${stack.password}`);

    const s = JSON.parse(m.cli(['status', '--json']).stdout) as Status;
    expect(s.problems).toEqual([]);
    expect(s.finch.configNeedsRoot).toBe(true);

    // Logging out is its own batch: one more elevation, and the login leaves root's file.
    const out = m.cli(['logout', stack.registry]);
    expect(out.status, out.stdout + out.stderr).toBe(0);
    expect(m.calls().filter((c) => c.startsWith('pkexec-setuid'))).toHaveLength(2);
    expect(m.rootConfig().auths?.[stack.registry]).toBeUndefined();
  });

  it('a dismissed password dialog: needs-root in words, exit 1, root\u2019s file untouched', () => {
    const m = desktop('dismissed');
    const r = m.cli(['login', stack.registry, '--username', stack.user, '--password-stdin', '--json'], stack.password);
    expect(r.status).toBe(1);
    const [o] = (JSON.parse(r.stdout) as { results: LoginOutcome[] }).results;
    expect(o!.error).toMatchObject({ kind: 'needs-root', message: expect.stringMatching(/password dialog was closed/) });
    expect(m.rootConfig()).toEqual({});
  });
});
