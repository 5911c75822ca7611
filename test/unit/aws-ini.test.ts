// The INI dialect of the AWS CLI (configparser + botocore), line by line. Cross-checked against the real CLI
// in test/integration/aws-cli.test.ts; these pin the details.
import { describe, expect, it } from 'vitest';
import { parseIni, type IniErrorKind, type IniSections } from '../../main/core/aws/ini';
import { shlexSplit } from '../../main/core/aws/shlex';

function sections(text: string): Record<string, Record<string, unknown>> {
  const r = parseIni(text);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return plain(r.sections);
}

const plain = (s: IniSections) => Object.fromEntries([...s].map(([name, opts]) => [name, Object.fromEntries(opts)]));

function error(text: string): { kind: IniErrorKind; line: number; message: string } {
  const r = parseIni(text);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

describe('parseIni: what the AWS CLI accepts', () => {
  it('reads sections and key = value, stripping spaces around keys and values', () => {
    expect(sections('[default]\n  region   =   eu-west-1  \noutput=json\n')).toEqual({
      default: { region: 'eu-west-1', output: 'json' },
    });
  });

  it('keeps section names verbatim, dots and spaces included (no nesting of [profile a.b])', () => {
    expect(Object.keys(sections('[profile a.b]\n[ default ]\n[Profile X]\n'))).toEqual(['profile a.b', ' default ', 'Profile X']);
  });

  it('keeps # and ; inside values: only full-line comments exist', () => {
    expect(sections('[p]\nsso_start_url = https://x.awsapps.com/start#/\nregion = us-east-1 ; eu\nout = a # b\n').p).toEqual({
      sso_start_url: 'https://x.awsapps.com/start#/',
      region: 'us-east-1 ; eu',
      out: 'a # b',
    });
  });

  it('skips full-line comments starting with # or ;, indented or not', () => {
    expect(sections('# one\n; two\n[p]\n   # three\n\t; four\nk = v\n#k = w\n')).toEqual({ p: { k: 'v' } });
  });

  it('splits on the first = or :, whichever comes first', () => {
    expect(sections('[p]\nregion: eu-west-3\nrole_arn = arn:aws:iam::1:role/x=y\nurl: http://h:1/a=b\nk : v\n').p).toEqual({
      region: 'eu-west-3',
      role_arn: 'arn:aws:iam::1:role/x=y',
      url: 'http://h:1/a=b',
      k: 'v',
    });
  });

  it('lower-cases keys but not values', () => {
    expect(sections('[p]\nREGION = EU-WEST-1\nSso_Role_Name = Admin\n').p).toEqual({ region: 'EU-WEST-1', sso_role_name: 'Admin' });
  });

  it('takes a section header up to its last ] and ignores text after it', () => {
    expect(Object.keys(sections('[default] ; note\n[a]b]\n[c] [d]\n'))).toEqual(['default', 'a]b', 'c] [d']);
  });

  it('joins deeper-indented lines to the value above, even ones that look like settings or headers', () => {
    expect(sections('[p]\nregion = us-west-2\n  output = json\n\n  [profile x]\n# comment\nk = v\n').p).toEqual({
      region: 'us-west-2\noutput = json\n\n[profile x]',
      k: 'v',
    });
  });

  it('accepts settings indented as deep as the first one (a new setting, not a continuation)', () => {
    expect(sections('[p]\n  region = af-south-1\n  output = text\n\tk = v\n').p).toEqual({
      region: 'af-south-1',
      output: 'text',
      k: 'v',
    });
  });

  it('turns a value that starts on the next lines into a nested block (botocore), keys keeping their case', () => {
    expect(sections('[p]\ns3 =\n  max_concurrent_requests = 10\n\n  # c\n  Addressing_Style = path\n  a = 1\n  a = 2\nregion = x\n').p).toEqual({
      s3: { max_concurrent_requests: '10', Addressing_Style: 'path', a: '2' },
      region: 'x',
    });
  });

  it('keeps an empty value empty, and blank lines after a value out of it', () => {
    expect(sections('[p]\nregion =\n\n\nout = json\n\n').p).toEqual({ region: '', out: 'json' });
  });

  it('adds [DEFAULT] settings to every section of the file, without making it a section', () => {
    expect(sections('[DEFAULT]\nregion = eu-south-1\n[a]\n[b]\nregion = own\n[DEFAULT]\nout = json\n')).toEqual({
      a: { region: 'eu-south-1', out: 'json' },
      b: { region: 'own', out: 'json' },
    });
  });

  it('reads \\r\\n and lone \\r line ends like \\n', () => {
    expect(sections('[a]\r\nk = 1\r\n[b]\rk = 2\r')).toEqual({ a: { k: '1' }, b: { k: '2' } });
  });

  it('does no %-interpolation', () => {
    expect(sections('[p]\nk = %(x)s %%\n').p).toEqual({ k: '%(x)s %%' });
  });

  it('handles keys named like Object.prototype members as plain data', () => {
    const s = parseIni('[p]\n__proto__ = x\nconstructor = y\nn =\n  __proto__ = z\n');
    expect(s.ok && s.sections.get('p')?.get('__proto__')).toBe('x');
    expect(s.ok && s.sections.get('p')?.get('n')).toEqual(Object.fromEntries([['__proto__', 'z']]));
  });

  it('reads an empty file as no sections', () => {
    expect(sections('')).toEqual({});
    expect(sections('\n# only a comment\n')).toEqual({});
  });
});

describe('parseIni: what the AWS CLI refuses', () => {
  const cases: [string, string, IniErrorKind, number, RegExp][] = [
    ['duplicate section', '[default]\nk = 1\n[profile a]\n[default]\n', 'duplicate-section', 4, /\[default\] appears a second time \(first at line 1\)/],
    ['duplicate key', '[p]\nregion = a\nx = 1\nregion = b\n', 'duplicate-option', 4, /"region" appears twice in section \[p\]/],
    ['duplicate key differing in case', '[p]\nregion = a\nRegion = b\n', 'duplicate-option', 3, /"region"/],
    ['duplicate key in two [DEFAULT] sections', '[DEFAULT]\nk = 1\n[DEFAULT]\nk = 2\n', 'duplicate-option', 4, /\[DEFAULT\]/],
    ['setting before any section', 'region = a\n[default]\n', 'missing-section', 1, /before any section header/],
    ['junk line', '[p]\nk = v\nthis is junk\n', 'junk', 3, /neither a \[section\] header/],
    ['empty brackets', '[]\n', 'bad-header', 1, /section header has no name or no closing "\]"/],
    ['unclosed header after a section', '[default]\n[profile dev\n', 'bad-header', 2, /no closing "\]"/],
    ['key with no name', '[p]\n= secret\n', 'empty-key', 2, /no key name before the "="/],
    ['byte-order mark', '\ufeff[default]\nregion = a\n', 'bom', 1, /byte-order mark/],
    ['nested line without =', '[p]\ns3 =\n  a = 1\n  junk\n', 'nested', 4, /indented block under "s3" has no "="/],
    ['nested line with : instead of =', '[p]\ns3 =\n  a: 1\n', 'nested', 3, /no "="/],
  ];
  for (const [name, text, kind, line, message] of cases) {
    it(`${name}: error at line ${line}`, () => {
      const e = error(text);
      expect(e).toMatchObject({ kind, line });
      expect(e.message).toMatch(message);
      expect(e.message.startsWith(`Line ${line}: `)).toBe(true);
    });
  }

  it('never quotes the offending line: it may hold a secret', () => {
    for (const text of ['[p]\nAKIDSECRETVALUE\n', 'AKIDSECRETVALUE = x\n[p]\n', '[p]\n= AKIDSECRETVALUE\n', '[p]\ns =\n  AKIDSECRETVALUE\n']) {
      expect(error(text).message).not.toContain('SECRET');
    }
  });

  it('names a duplicate key only when it looks like a key name', () => {
    expect(error('[p]\nwJalr/K7MDENG+bPxRfiCY = 1\nwJalr/K7MDENG+bPxRfiCY = 2\n').message).not.toContain('wJalr');
  });
});

describe('shlexSplit (how botocore splits config section names)', () => {
  it.each([
    ['profile dev', ['profile', 'dev']],
    ['profile  a.b ', ['profile', 'a.b']],
    ['profile\tx', ['profile', 'x']],
    ['profile "my dev"', ['profile', 'my dev']],
    ["profile 'it''s'", ['profile', 'its']],
    ['profile a"b c"d', ['profile', 'ab cd']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile "a\\"b\\c"', ['profile', 'a"b\\c']],
    ["profile ''", ['profile', '']],
    ['profile a b', ['profile', 'a', 'b']],
    ['profile#x', ['profile#x']],
    ['profile', ['profile']],
  ])('%j → %j', (input, words) => {
    expect(shlexSplit(input)).toEqual(words);
  });

  it.each(["profile 'unclosed", 'profile "unclosed', 'profile trailing\\'])('%j is a ValueError (null)', (input) => {
    expect(shlexSplit(input)).toBeNull();
  });
});
