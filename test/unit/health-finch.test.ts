// The checks about Finch itself — installed, version, VM running, restart pending — on homes shaped like each platform.
import { utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { runCheck } from '../../main/core/health/run-checks';
import { restartVm } from '../../main/core/vm/restart';
import { updateVmRecord } from '../../main/core/vm/vm-record';
import type { Platform } from '../../shared/types';
import { fakeFinchScript, fakeFinchVmScript, makeSandbox, platformLayout, type Sandbox } from '../support/sandbox-home';
import type { CheckId } from '../../shared/ids';

const check = (sb: Sandbox, id: CheckId, vars: Record<string, string> = {}) => runCheck(currentEnv({ ...sb.vars, ...vars }), id);
const platforms: Platform[] = ['darwin', 'win32', 'linux'];
const withVm: Platform[] = ['darwin', 'win32'];

describe.each(platforms)('Finch on %s', (platform) => {
  it('finch-installed: ok when finch is on PATH, an error naming where it looked when not', async () => {
    const sb = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript() } });
    expect(await check(sb, 'finch-installed')).toMatchObject({ status: 'ok', detail: `Finch is at ${sb.file('bin/finch')}.` });
    const none = makeSandbox({ platform });
    const c = await check(none, 'finch-installed');
    expect(c.status).toBe('error');
    expect(c.detail).toContain('https://runfinch.com');
    // Dependents say why they did not run.
    expect(await check(none, 'finch-version')).toMatchObject({ status: 'skipped' });
  });

  it('finch-version: ok for a current Finch, a warning before 1.15, an error when it prints no version', async () => {
    const current = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript('v1.19.0') } });
    expect(await check(current, 'finch-version')).toMatchObject({ status: 'ok', detail: 'Finch 1.19.0.' });
    const old = makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript('v1.14.2') } });
    const o = await check(old, 'finch-version');
    expect(o.status).toBe('warn');
    expect(o.detail).toMatch(/inside its VM/);
    const odd = makeSandbox({ platform, programs: { 'bin/finch': '#!/bin/sh\necho "no idea"\n' } });
    expect((await check(odd, 'finch-version')).status).toBe('error');
  });
});

it('finch-version: 1.18.0 warns about plaintext logins on macOS only (finch #1785)', async () => {
  const mac = makeSandbox({ platform: 'darwin', programs: { 'bin/finch': fakeFinchScript('v1.18.0') } });
  const c = await check(mac, 'finch-version');
  expect(c.status).toBe('warn');
  expect(c.detail).toContain('#1785');
  // The app's own logins find /opt/finch/bin: only terminal logins are affected.
  expect(c.detail).toMatch(/typed in a terminal .* Logins made here are not affected/s);
  const linux = makeSandbox({ platform: 'linux', programs: { 'bin/finch': fakeFinchScript('v1.18.0') } });
  expect((await check(linux, 'finch-version')).status).toBe('ok');
});

it.each(['darwin', 'win32', 'linux'] as const)('finch-version on %s waits for finch-yaml-valid: every finch command fails while finch.yaml does not parse', async (platform) => {
  // A finch that, like Finch, fails --version when finch.yaml is broken (cmd/finch/main_remote.go → config.Load).
  const sb = makeSandbox({ platform, programs: { 'bin/finch': '#!/bin/sh\necho \'time="t" level=fatal msg="failed to load config: failed to unmarshal config file: yaml: line 1: did not find expected node content"\' >&2\nexit 1\n' } });
  sb.write(platformLayout(platform).finchYaml, 'cpus: [\n');
  const c = await check(sb, 'finch-version');
  expect(c.status).toBe('skipped');
  expect(c.detail).toMatch(/needs "finch.yaml is readable" to pass first/);
  expect(c.detail).not.toContain("finch-yaml-valid");
  expect(c.detail).not.toMatch(/Reinstall/);
});

describe.each(withVm)('finch-vm-running on %s', (platform) => {
  it('ok when running; stopped is a warning with the start fix (ok from 1.18 with auto_vm_start); not created is an error', async () => {
    const vm = (state: string, version = 'v1.19.0') => makeSandbox({ platform, programs: { 'bin/finch': fakeFinchScript(version, state) } });
    expect(await check(vm('Running'), 'finch-vm-running')).toMatchObject({ status: 'ok' });
    expect(await check(vm('Stopped', 'v1.17.2'), 'finch-vm-running')).toMatchObject({ status: 'warn', fix: { id: 'vm-restart' } });
    // Finch 1.18 starts a stopped VM by itself at the first command that needs it, unless finch.yaml turns that off.
    expect(await check(vm('Stopped', 'v1.18.0'), 'finch-vm-running')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/auto_vm_start/) });
    const off = vm('Stopped', 'v1.18.0');
    off.write(platformLayout(platform).finchYaml, 'auto_vm_start: false\n');
    expect(await check(off, 'finch-vm-running')).toMatchObject({ status: 'warn', fix: { id: 'vm-restart' } });
    // Before 1.15 logins happen inside the VM, so a stopped VM breaks them.
    expect(await check(vm('Stopped', 'v1.14.0'), 'finch-vm-running')).toMatchObject({ status: 'error', fix: { id: 'vm-restart' } });
    const missing = await check(vm('Nonexistent'), 'finch-vm-running');
    expect(missing.status).toBe('error');
    expect(missing.detail).toContain('finch vm init');
    expect(await check(vm('Confused'), 'finch-vm-running')).toMatchObject({ status: 'warn' });
  });
});

it('on Linux there is no VM: finch-vm-running and vm-restart-pending are skipped, saying why', async () => {
  const sb = makeSandbox({ platform: 'linux', programs: { 'bin/finch': fakeFinchScript() } });
  const running = await check(sb, 'finch-vm-running');
  expect(running).toMatchObject({ status: 'skipped' });
  expect(running.detail).toMatch(/no VM/);
  expect((await check(sb, 'vm-restart-pending')).detail).toMatch(/no VM/);
});

describe.each(withVm)('vm-restart-pending on %s', (platform) => {
  const layout = platformLayout(platform);
  const home = (yaml = 'cpus: 2\nmemory: 4GiB\n') => {
    const sb = makeSandbox({ platform, files: { [layout.finchYaml]: yaml } });
    sb.write('bin/finch', fakeFinchVmScript(sb.file('vm-state')), 0o755);
    return sb;
  };

  it('a restart done here records the settings: same settings ok, changed settings pending with the restart fix', async () => {
    const sb = home();
    const env = currentEnv(sb.vars);
    const lines: string[] = [];
    expect(await restartVm(env, (l) => lines.push(l.line))).toBe('running');
    expect(await check(sb, 'vm-restart-pending')).toMatchObject({ status: 'ok' });
    // Finch rewriting the file without changing a setting is no change.
    sb.write(layout.finchYaml, 'memory: 4GiB\ncpus: 2\n');
    expect((await check(sb, 'vm-restart-pending')).detail).toMatch(/same as when Finch Logins restarted/);
    sb.write(layout.finchYaml, 'cpus: 4\nmemory: 4GiB\n');
    const c = await check(sb, 'vm-restart-pending');
    expect(c).toMatchObject({ status: 'warn', fix: { id: 'vm-restart' } });
    expect(c.detail).toMatch(/changed after Finch Logins restarted the VM/);
  });

  it('ecr-login listed in creds_helpers but not installed by Finch: pending; installed: not', async () => {
    const sb = home('cpus: 2\ncreds_helpers:\n  - ecr-login\n');
    const c = await check(sb, 'vm-restart-pending');
    expect(c).toMatchObject({ status: 'warn', fix: { id: 'vm-restart' } });
    expect(c.detail).toContain(path.join(sb.file(layout.finchCredHelpers), 'docker-credential-ecr-login'));
    sb.write(`${layout.finchCredHelpers}/docker-credential-ecr-login`, 'binary', 0o755);
    expect((await check(sb, 'vm-restart-pending')).status).toBe('ok');
  });

  it('a fix that changed finch.yaml after the last known start: pending', async () => {
    const sb = home();
    await updateVmRecord(sb.vars.FINCH_LOGINS_STATE_DIR!, (r) => void (r.yamlChangedAt = new Date().toISOString()));
    const c = await check(sb, 'vm-restart-pending');
    expect(c).toMatchObject({ status: 'warn', fix: { id: 'vm-restart' } });
    expect(c.detail).toMatch(/A fix changed finch.yaml/);
  });

  it('a stopped VM has nothing pending; an unreadable finch.yaml skips the check', async () => {
    const sb = home();
    sb.write('vm-state', 'Stopped\n');
    expect((await check(sb, 'vm-restart-pending')).detail).toMatch(/not running \(stopped\)/);
    const bad = home('cpus: [\n');
    expect((await check(bad, 'vm-restart-pending')).status).toBe('skipped');
  });
});

describe('vm-restart-pending on macOS without a record of ours: Lima\u2019s pid file dates the start', () => {
  const pidFile = 'root/Applications/Finch/lima/data/finch/ha.pid';
  const home = () => {
    const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/finch.yaml': 'cpus: 2\n', [pidFile]: '4242\n' } });
    sb.write('bin/finch', fakeFinchVmScript(sb.file('vm-state')), 0o755);
    return sb;
  };
  const at = (sb: Sandbox, rel: string, d: Date) => utimesSync(sb.file(rel), d, d);

  it('finch.yaml older than the start: ok, saying what that is based on', async () => {
    const sb = home();
    at(sb, 'home/.finch/finch.yaml', new Date(Date.now() - 3_600_000));
    const c = await check(sb, 'vm-restart-pending');
    expect(c.status).toBe('ok');
    expect(c.detail).toMatch(/not been modified since the VM started/);
    expect(c.detail).toContain(sb.file(pidFile));
  });

  it('finch.yaml newer than the start: said, with why that alone proves nothing (Finch rewrites it)', async () => {
    const sb = home();
    at(sb, pidFile, new Date(Date.now() - 3_600_000));
    const c = await check(sb, 'vm-restart-pending');
    expect(c.status).toBe('ok');
    expect(c.detail).toMatch(/rewrites that file itself/);
  });

  it('no evidence at all: says it cannot tell', async () => {
    const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/finch.yaml': 'cpus: 2\n' } });
    sb.write('bin/finch', fakeFinchVmScript(sb.file('vm-state')), 0o755);
    expect((await check(sb, 'vm-restart-pending')).detail).toMatch(/not known when the VM started/);
  });
});
