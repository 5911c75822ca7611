// The corpus of broken and hostile files (test/fixtures/hostile/, one file per case, expected messages in each
// folder's expected.json), run through the CLI for status, doctor, login, login --all, logout and every fix:
// the exit code, a message that names the file and says what is wrong, and every file in the sandbox byte-identical
// afterwards (the programs are tripwires that would write if they ever ran).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixIds } from '../../shared/ids';
import { runCli, type CliRun } from '../support/cli';
import { hostileSandbox, layout, picture } from '../support/hostile';

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

/** finch.yaml trouble is that file's problem only: status works, logins work, only a fix that edits it refuses. */
const yamlRuns: Run[] = [
  { args: ['status'], code: 0 },
  { args: ['doctor', '--json'], code: 1 },
  { args: ['fix', 'ecr-login-setup', '--yes'], code: 1 },
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
      const file = sb.file(layout.finchYaml);
      const before = picture(sb.dir);
      for (const run of yamlRuns) {
        const started = Date.now();
        const r = await runCli(sb.vars, run.args, run.stdin);
        const said = shown(r);
        const what = `${run.args.join(' ')}\n${said.slice(0, 2000)}`;
        expect(r.code, what).toBe(run.code);
        expect(said, what).toContain(file);
        expect(said, what).toContain(c.expected);
        // A 10 MB file took 75–120 s before the limit; now it is not parsed at all (a loose bound, not a benchmark).
        expect(Date.now() - started, what).toBeLessThan(20_000);
        expect(picture(sb.dir), what).toEqual(before);
      }
      // Logins do not need finch.yaml: `login --all` goes ahead (and asks for the password it needs).
      const all = await runCli(sb.vars, ['login', '--all', '--json']);
      expect(all.stderr).toBe('');
      expect(JSON.parse(all.stdout)).toEqual({ results: [expect.objectContaining({ host: 'ghcr.io', result: 'skipped', error: expect.objectContaining({ kind: 'needs-password' }) })] });
      expect(picture(sb.dir)).toEqual(before);
    }, 60_000);
  }
});
