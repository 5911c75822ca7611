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
