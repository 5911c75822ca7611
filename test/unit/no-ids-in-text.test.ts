// Check and fix ids are for code and `--json`: the words a user reads — the window's checks, previews, results and
// Undo, and the CLI's human output — name checks and fixes by their titles. The one place an id may appear is a
// command to type (`finch-logins fix <id>`). This runs every check, every offered fix's preview, a fix and its Undo,
// and `status` / `doctor` on homes that make most checks fail, and looks for any id in the text.
import { describe, expect, it } from 'vitest';
import { currentEnv } from '../../main/core/env';
import { applyFix, previewFix, undoLastChange } from '../../main/core/fixes/fix-service';
import { runChecks } from '../../main/core/health/run-checks';
import type { Platform } from '../../shared/types';
import { runCli } from '../support/cli';
import { leakedIds } from '../support/leaked-ids';
import { fakeCredentialStoreScript, fakeFinchScript, makeSandbox, platformLayout, type Sandbox } from '../support/sandbox-home';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ecr = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';

function home(platform: Platform, config: object | string, opts: { version?: string; yaml?: string; store?: string; finch?: boolean } = {}): Sandbox {
  const l = platformLayout(platform);
  const sb = makeSandbox({ platform, programs: opts.finch === false ? {} : { 'bin/finch': fakeFinchScript(opts.version ?? 'v1.19.0', 'Stopped') } });
  sb.write(l.configJson, config);
  if (opts.yaml) sb.write(l.finchYaml, opts.yaml);
  sb.write('home/.aws/config', '[profile broken\n');
  if (opts.store) {
    sb.write('keyring/.keep', '');
    sb.write(`${opts.store}/docker-credential-osxkeychain`, fakeCredentialStoreScript(sb.file('keyring')), 0o755);
  }
  return sb;
}

const homes: [string, () => Sandbox][] = [
  ['macOS 1.19: ecr-login as the store, plain text, ECR without a helper', () =>
    home('darwin', { credsStore: 'ecr-login', auths: { 'ghcr.io': { auth: b64('octo:pw') }, [ecr]: {} } }, { yaml: 'creds_helpers:\n  - ecr-login\n', store: 'root/Applications/Finch/cred-helpers' })],
  ['macOS 1.19: no store, the keychain helper installed', () => home('darwin', { auths: { 'ghcr.io': { auth: b64('octo:pw') } } }, { store: 'root/usr/local/bin' })],
  ['macOS 1.14: osxkeychain in the VM', () => home('darwin', { credsStore: 'osxkeychain', auths: {} }, { version: 'v1.14.1' })],
  ['Windows: wincred and plain text', () => home('win32', { credsStore: 'wincred', auths: { 'ghcr.io': { auth: b64('octo:pw') } } })],
  ['Linux: secretservice', () => home('linux', { credsStore: 'secretservice', auths: {} })],
  ['a broken config.json, no Finch', () => home('darwin', '{"auths": {', { finch: false })],
];

describe('no check or fix id in what a user reads', () => {
  it('leakedIds finds an id, and lets a command through', () => {
    expect(leakedIds('Undid "migrate-plaintext" from …')).toEqual(['migrate-plaintext']);
    expect(leakedIds('Skipped: it needs "config.json is readable" (config-json-valid) to pass first')).toEqual(['config-json-valid']);
    expect(leakedIds('fix: finch-logins fix migrate-plaintext   (Move them to osxkeychain)')).toEqual([]);
    expect(leakedIds('the ecr-login helper, credsStore "ecr-login"')).toEqual([]);
  });

  it.each(homes)('%s: checks, previews, a fix and its Undo, status and doctor', async (_name, make) => {
    const sb = make();
    const env = currentEnv(sb.vars);
    const texts: string[] = [];
    const checks = await runChecks(env);
    for (const c of checks) texts.push(c.title, c.detail, c.fix?.label ?? '');
    for (const c of checks.filter((x) => x.fix && x.fix.id !== 'vm-restart')) {
      try {
        const p = await previewFix(env, c.fix!.id);
        texts.push(p.title, p.explanation);
        if (c === checks.find((x) => x.fix && x.fix.id !== 'vm-restart')) {
          const r = await applyFix(env, p.fixId, p.token);
          texts.push(r.message, r.check?.detail ?? '');
          const u = await undoLastChange(env);
          texts.push(u.message, u.leftAsIs ?? '');
        }
      } catch (e) {
        const f = e as { message: string; hint?: string };
        texts.push(f.message, f.hint ?? '');
      }
    }
    for (const cmd of [['status'], ['doctor']]) texts.push((await runCli(sb.vars, cmd)).stdout);
    expect(checks.some((c) => c.status !== 'ok')).toBe(true);
    expect(texts.flatMap((t) => leakedIds(t).map((id) => `${id} in: ${t.slice(0, 160)}`))).toEqual([]);
  });
});
