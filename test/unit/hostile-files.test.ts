// The corpus of broken and hostile files (test/fixtures/hostile/, one file per case, expected messages in each
// folder's expected.json: config.json, finch.yaml and the AWS files), run through the CLI for status, doctor, login,
// login --all, logout and every fix:
// the exit code, a message that names the file and says what is wrong, and every file in the sandbox byte-identical
// afterwards (the programs are tripwires that would write if they ever ran).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixIds } from '../../shared/ids';
import { runCli, type CliRun } from '../support/cli';
import { hostileSandbox, layout, picture, tripwireStore } from '../support/hostile';

const corpus = path.resolve(__dirname, '../fixtures/hostile');
function cases(folder: string): { name: string; bytes: Buffer; expected: string }[] {
  const dir = path.join(corpus, folder);
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
  const files = readdirSync(dir).filter((f) => f !== 'expected.json');
  // Every case has its message, and every message its case.
  expect(files.sort()).toEqual(Object.keys(expected).filter((k) => k !== '_').sort());
  return files.map((name) => ({ name, bytes: readFileSync(path.join(dir, name)), expected: expected[name]! }));
}

/** What the user reads: the text, or for --json every string in the document (quotes unescaped). */
function shown(r: CliRun): string {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  try {
    walk(JSON.parse(r.stdout));
  } catch {
    strings.push(r.stdout);
  }
  return [...strings, r.stderr].join('\n');
}

interface Run {
  args: string[];
  stdin?: string;
  code: number;
}
/** What each command must do with a config.json that is not valid: status reports (0), the rest refuse (1). */
const configRuns: Run[] = [
  { args: ['status'], code: 0 },
  { args: ['doctor', '--json'], code: 1 },
  { args: ['login', 'ghcr.io', '--username', 'u', '--password-stdin'], stdin: 'hunter2', code: 1 },
  { args: ['login', '111122223333.dkr.ecr.eu-west-1.amazonaws.com'], code: 1 },
  { args: ['login', '--all'], code: 1 },
  { args: ['login', '--all', '--json'], code: 1 },
  { args: ['logout', 'ghcr.io'], code: 1 },
  ...fixIds.map((id) => ({ args: ['fix', id, '--yes'], code: 1 })),
];

describe('hostile config.json: reported by status and doctor, refused by every login, logout and fix, never changed', () => {
  for (const c of cases('config-json')) {
    it(c.name, async () => {
      const sb = hostileSandbox({ [layout.configJson]: c.bytes, [layout.finchYaml]: 'cpus: 2\n' });
      const file = sb.file(layout.configJson);
      const before = picture(sb.dir);
      for (const run of configRuns) {
        const r = await runCli(sb.vars, run.args, run.stdin);
        const said = shown(r);
        const what = `${run.args.join(' ')}\n${said}`;
        expect(r.code, what).toBe(run.code);
        expect(said, what).toContain(file);
        expect(said, what).toContain(c.expected);
        if (run.code === 1 && run.args[0] !== 'doctor') {
          expect(said, what).toMatch(/will not (log in|log out|apply a fix) while/);
          expect(said, what).toMatch(/Fix .* in a text editor .* or move it away/);
        }
        expect(said, what).not.toContain('hunter2');
        expect(picture(sb.dir), what).toEqual(before);
      }
    });
  }
});

/**
 * finch.yaml trouble is that file's problem only: status reports it; the fixes that edit finch.yaml (ecr-login-setup)
 * or exist to make Finch read it (vm-restart) refuse, naming it; the fixes of config.json and the keychain go ahead
 * (here with nothing to do) and do not mention it; a login goes as far as asking for its password.
 */
const yamlUsers = new Set<string>(['ecr-login-setup', 'vm-restart']);
const yamlRuns: (Run & { names: boolean })[] = [
  { args: ['status'], code: 0, names: true },
  { args: ['doctor', '--json'], code: 1, names: true },
  ...fixIds.map((id) => ({ args: ['fix', id, '--yes'], code: yamlUsers.has(id) ? 1 : 0, names: yamlUsers.has(id) })),
  ...fixIds.map((id) => ({ args: ['fix', id, '--yes', '--json'], code: yamlUsers.has(id) ? 1 : 0, names: yamlUsers.has(id) })),
];

describe('hostile finch.yaml: a problem of that file only, never changed', () => {
  for (const c of cases('finch-yaml')) {
    it(c.name, async () => {
      let bytes = c.bytes;
      if (c.name === 'huge.yaml') {
        const last = 'cpus: 2\n';
        bytes = Buffer.concat([bytes, Buffer.from(last.repeat(Math.ceil((10 * 1024 * 1024 - bytes.length) / last.length)))]).subarray(0, 10 * 1024 * 1024);
      }
      const sb = hostileSandbox({
        [layout.configJson]: JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'osxkeychain', credHelpers: { '111122223333.dkr.ecr.eu-west-1.amazonaws.com': 'evil' } }),
        [layout.finchYaml]: bytes,
      });
      // Finch's keychain helper, installed where its credential server looks: osxkeychain-setup has nothing to do.
      for (const at of ['root/Applications/Finch/cred-helpers', 'root/usr/local/bin']) sb.write(`${at}/docker-credential-osxkeychain`, tripwireStore(sb.dir), 0o755);
      const file = sb.file(layout.finchYaml);
      const before = picture(sb.dir);
      for (const run of yamlRuns) {
        const started = Date.now();
        const r = await runCli(sb.vars, run.args, run.stdin);
        const said = shown(r);
        const what = `${run.args.join(' ')}\n${said.slice(0, 2000)}`;
        expect(r.code, what).toBe(run.code);
        if (run.names) {
          expect(said, what).toContain(file);
          expect(said, what).toContain(c.expected);
        } else {
          expect(said, what).not.toContain('finch.yaml');
          expect(said, what).toMatch(/nothing to (change|move)/);
        }
        // A 10 MB file took 75–120 s before the limit; now it is not parsed at all (a loose bound, not a benchmark).
        expect(Date.now() - started, what).toBeLessThan(20_000);
        expect(picture(sb.dir), what).toEqual(before);
      }
      // Logins do not need finch.yaml: `login --all` and a single-host login go ahead and ask for the password they
      // need (a login with one runs finch, which is another test's business: the tripwire would record it).
      const all = await runCli(sb.vars, ['login', '--all', '--json']);
      expect(all.stderr).toBe('');
      expect(JSON.parse(all.stdout)).toEqual({ results: [expect.objectContaining({ host: 'ghcr.io', result: 'skipped', error: expect.objectContaining({ kind: 'needs-password' }) })] });
      const one = await runCli(sb.vars, ['login', 'ghcr.io', '--json']);
      expect(one.code).toBe(1);
      expect(JSON.parse(one.stdout)).toEqual({ results: [expect.objectContaining({ host: 'ghcr.io', result: 'failed', error: expect.objectContaining({ kind: 'needs-password' }) })] });
      // The finch lock's ticket of the login's `finch --version` is deleted just after the command returns.
      await vi.waitFor(() => expect(picture(sb.dir)).toEqual(before), { timeout: 5_000 });
      expect(existsSync(path.join(sb.dir, 'tripwire.log'))).toBe(false);
    }, 60_000);
  }
});

/** The AWS files: status and doctor report them; an ECR login refuses before asking AWS, as the AWS CLI does. */
const ecrHost = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const awsRuns: Run[] = [
  { args: ['status'], code: 0 },
  { args: ['status', '--json'], code: 0 },
  { args: ['doctor', '--json'], code: 1 },
  { args: ['login', ecrHost, '--profile', 'default'], code: 1 },
  { args: ['login', ecrHost], code: 1 },
  { args: ['login', ecrHost, '--json'], code: 1 },
  { args: ['login', 'public.ecr.aws', '--profile', 'default'], code: 1 },
];

describe('hostile AWS files: reported by status and doctor, refused by an ECR login, never changed', () => {
  for (const c of cases('aws')) {
    it(c.name, async () => {
      const broken = c.name.startsWith('config.') ? 'home/.aws/config' : 'home/.aws/credentials';
      let bytes = c.bytes;
      if (c.name === 'config.huge') bytes = Buffer.concat([bytes, Buffer.from('junk\n'.repeat(Math.ceil((5 * 1024 * 1024 - bytes.length) / 5)))]);
      const sb = hostileSandbox({
        [layout.configJson]: JSON.stringify({ auths: { [ecrHost]: {} } }),
        [layout.finchYaml]: 'cpus: 2\n',
        'home/.aws/config': '[default]\nregion = eu-west-1\n',
        'home/.aws/credentials': '[other]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n',
        [broken]: bytes,
      });
      // Nothing answers here: a login that asked AWS anyway would say "AWS could not be reached", not the file.
      sb.vars.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
      const file = sb.file(broken);
      const before = picture(sb.dir);
      for (const run of awsRuns) {
        const r = await runCli(sb.vars, run.args, run.stdin);
        const said = shown(r);
        const what = `${run.args.join(' ')}\n${said.slice(0, 2000)}`;
        expect(r.code, what).toBe(run.code);
        expect(said, what).toContain(file);
        expect(said, what).toContain(c.expected);
        if (run.args[0] === 'login') expect(said, what).toMatch(/Cannot log in (with AWS profile "default"|to 111122223333\S*): /);
        expect(picture(sb.dir), what).toEqual(before);
      }
      expect(existsSync(path.join(sb.dir, 'tripwire.log'))).toBe(false);
    }, 60_000);
  }
});
