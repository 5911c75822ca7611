// finch-logins fix / undo / vm, in-process through main(): asking, refusing without a terminal, JSON, exit codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli/index';
import type { PromptInput } from '../../main/cli/fix-command';
import type { FixPreview, FixResult } from '../../shared/types';
import { fakeFinchScript, fakeFinchVmScript, makeSandbox, platformLayout, type Sandbox } from '../support/sandbox-home';

const cfgRel = platformLayout('win32').configJson;
const wincred = '{\n  "credsStore": "wincred",\n  "auths": {}\n}\n';

function winHome(): Sandbox {
  return makeSandbox({ platform: 'win32', files: { [cfgRel]: wincred }, programs: { 'bin/finch': fakeFinchScript() } });
}
/** A terminal that answers `answer`, or no terminal at all. */
const terminal = (answer: string | null): PromptInput & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    readStdin: async () => '',
    isInteractive: () => answer !== null,
    readLine: async (q) => (asked.push(q), answer ?? ''),
  };
};
async function cli(sb: Sandbox, input: PromptInput, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') }, sb.vars, input);
  return { code, stdout, stderr };
}
const config = (sb: Sandbox) => readFileSync(sb.file(cfgRel), 'utf8');

describe('finch-logins fix', () => {
  it('without --yes and without a terminal: shows the preview, applies nothing, exit 2 saying to pass --yes', async () => {
    const sb = winHome();
    const r = await cli(sb, terminal(null), 'fix', 'remove-unsupported-store');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('-  "credsStore": "wincred",');
    expect(r.stderr).toMatch(/pass --yes/i);
    expect(config(sb)).toBe(wincred);
  });

  it('asks "Apply? [y/N]": no keeps everything (exit 1), yes applies and shows the check after (exit 0)', async () => {
    const sb = winHome();
    const no = terminal('n');
    expect((await cli(sb, no, 'fix', 'remove-unsupported-store')).code).toBe(1);
    expect(no.asked).toEqual(['Apply? [y/N] ']);
    expect(config(sb)).toBe(wincred);
    const r = await cli(sb, terminal('y'), 'fix', 'remove-unsupported-store');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Changed .*config.json\./);
    expect(r.stdout).toContain('Check "Credential store works with Finch": ok');
    expect(JSON.parse(config(sb))).toEqual({ auths: {} });
  });

  it('--yes --json: one JSON document with the preview and the result; nothing asked', async () => {
    const sb = winHome();
    const t = terminal('n');
    const r = await cli(sb, t, 'fix', 'remove-unsupported-store', '--yes', '--json');
    expect(r.code).toBe(0);
    expect(t.asked).toEqual([]);
    const out = JSON.parse(r.stdout) as { preview: FixPreview; result: FixResult };
    expect(out.preview).toMatchObject({ fixId: 'remove-unsupported-store', needsVmRestart: false, token: expect.stringMatching(/^remove-unsupported-store:/) });
    expect(out.result).toMatchObject({ applied: true, check: { status: 'ok' } });
  });

  it('nothing to change: says so without asking (exit 0)', async () => {
    const sb = makeSandbox({ platform: 'win32', files: { [cfgRel]: '{}' }, programs: { 'bin/finch': fakeFinchScript() } });
    const r = await cli(sb, terminal(null), 'fix', 'remove-unsupported-store');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nothing to change/);
  });

  it('a fix that cannot run here: exit 1 with the reason and the next step', async () => {
    const sb = winHome();
    const r = await cli(sb, terminal('y'), 'fix', 'osxkeychain-setup');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^finch-logins: The keychain helper is only for Finch on macOS\./);
    const bad = makeSandbox({ platform: 'win32', files: { [cfgRel]: '{oops' }, programs: { 'bin/finch': fakeFinchScript() } });
    const b = await cli(bad, terminal('y'), 'fix', 'remove-unsupported-store', '--yes');
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/will not apply a fix while \S*config.json is not valid: config.json is not valid JSON[\s\S]*\u2192 Fix \S*config.json in a text editor/);
  });

  it.each([[[]], [['no-such-fix']], [['vm-restart', 'extra']], [['vm-restart', '--force']]])('usage errors exit 2: fix %j', async (args) => {
    expect((await cli(winHome(), terminal('y'), 'fix', ...args)).code).toBe(2);
  });
});

describe('finch-logins undo', () => {
  it('shows what it puts back, asks, and restores byte for byte; refuses without a terminal (exit 2)', async () => {
    const sb = winHome();
    await cli(sb, terminal(null), 'fix', 'remove-unsupported-store', '--yes');
    const refused = await cli(sb, terminal(null), 'undo');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/Undo "Stop using a credential store Finch cannot use" from .*:\n {2}put back .*config.json as it was/);
    expect(config(sb)).not.toBe(wincred);
    const r = await cli(sb, terminal('yes'), 'undo');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Undid "Stop using a credential store Finch cannot use" from .*: 1 file put back\./);
    expect(config(sb)).toBe(wincred);
    const again = await cli(sb, terminal('y'), 'undo', '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/There is no change to undo\.$/m);
    expect(again.stderr).not.toMatch(/bug/);
  });
});

describe('finch-logins vm', () => {
  const vmHome = (platform: 'darwin' | 'linux' = 'darwin') => {
    const sb = makeSandbox({ platform });
    sb.write('bin/finch', fakeFinchVmScript(sb.file('vm-state')), 0o755);
    return sb;
  };

  it('status prints the state; restart streams the output and ends running (exit 0)', async () => {
    const sb = vmHome();
    expect((await cli(sb, terminal(null), 'vm', 'status')).stdout).toBe('running\n');
    const r = await cli(sb, terminal(null), 'vm', 'restart');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\$ finch vm stop\n[\s\S]*\$ finch vm start\n[\s\S]*VM status: running\n$/);
    const j = await cli(sb, terminal(null), 'vm', 'restart', '--json');
    expect(JSON.parse(j.stdout)).toMatchObject({ status: 'running', log: expect.arrayContaining([{ line: '$ finch vm stop', stream: 'info' }]) });
  });

  it('on Linux there is no VM: exit 1 saying so; a wrong subcommand is a usage error', async () => {
    const r = await cli(vmHome('linux'), terminal(null), 'vm', 'restart');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no VM to restart/);
    expect((await cli(vmHome(), terminal(null), 'vm', 'reboot')).code).toBe(2);
    expect((await cli(vmHome(), terminal(null), 'vm')).code).toBe(2);
  });
});
