// Issue 15's first defect against the real stack: with a config.json that is not valid, finch-logins refuses every
// login and logout before finch runs, and the file stays byte for byte as it was. (The finch stand-in now fails such
// a login itself, as docker/cli's LoadFromReader does; the adversarial pass saw Finch replace the file.)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { loginHome, stack } from '../support/login-home';

const corpus = path.resolve(__dirname, '../fixtures/hostile/config-json');
const cases = ['missing-final-brace.json', 'auths-array.json', 'top-level-array.json', 'utf8-bom.json', 'creds-store-number.json'];

describe.skipIf(!stack.up)('a config.json that is not valid, with the real finch stand-in', () => {
  for (const name of cases) {
    it(`${name}: finch-logins login and login --all refuse; the file is byte-identical`, async () => {
      const bytes = readFileSync(path.join(corpus, name));
      const sb = loginHome({ config: null });
      sb.write('home/.finch/config.json', '');
      const file = sb.file('home/.finch/config.json');
      writeFileSync(file, bytes);
      for (const args of [['login', 'ghcr.io', '--username', stack.user, '--password-stdin'], ['login', '--all'], ['logout', 'ghcr.io']]) {
        const r = await runCli(sb.vars, args, stack.password);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stdout + r.stderr, args.join(' ')).toContain(`while ${file} is not valid`);
        expect(readFileSync(file).equals(bytes), args.join(' ')).toBe(true);
      }
    });
  }
});

// A finch.yaml that does not parse stops every finch command (config.Load; the stand-in copies it): a login that has
// its password runs finch, which fails, and the message names finch.yaml instead of "finch login failed".
describe.skipIf(!stack.up)('a finch.yaml that does not parse, with the real finch stand-in', () => {
  for (const name of ['unclosed-list.yaml', 'tab-indent.yaml']) {
    it(`${name}: a login and a logout fail naming finch.yaml; finch.yaml and config.json are byte-identical`, async () => {
      const sb = loginHome({});
      const yaml = readFileSync(path.resolve(__dirname, '../fixtures/hostile/finch-yaml', name));
      sb.write('home/.finch/finch.yaml', '');
      writeFileSync(sb.file('home/.finch/finch.yaml'), yaml);
      const config = sb.file('home/.finch/config.json');
      const before = readFileSync(config);
      for (const args of [['login', stack.registry, '--username', stack.user, '--password-stdin'], ['logout', stack.registry]]) {
        const r = await runCli(sb.vars, args, stack.password);
        const said = r.stdout + r.stderr;
        expect(r.code, args.join(' ')).toBe(1);
        expect(said, args.join(' ')).toContain(`Finch cannot run while ${sb.file('home/.finch/finch.yaml')} cannot be read: failed to load config`);
        expect(said, args.join(' ')).toContain('Fix finch.yaml in a text editor');
        expect(said).not.toContain(stack.password);
        expect(readFileSync(sb.file('home/.finch/finch.yaml')).equals(yaml), args.join(' ')).toBe(true);
        expect(readFileSync(config).equals(before), args.join(' ')).toBe(true);
      }
    });
  }
});
