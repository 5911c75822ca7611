// Our reading of ~/.aws/config and ~/.aws/credentials against the real AWS CLI (Debian's awscli 2.9, botocore
// inside): same profile names in the same order, same region per profile, and the CLI also refuses every file
// we report as malformed. Each fixture in test/fixtures/aws/ is copied into a throwaway home.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { parseIni } from '../../main/core/aws/ini';
import { readAwsProfiles, type AwsProfiles } from '../../main/core/aws/profiles';
import { resolvePaths, type Paths } from '../../main/core/paths';
import { run } from '../../main/core/process/run';

const AWS = '/usr/bin/aws';
const hasAws = existsSync(AWS);
const FIXTURES = fileURLToPath(new URL('../fixtures/aws/', import.meta.url));
const fixtures = readdirSync(FIXTURES).sort();
const temps: string[] = [];

interface Home {
  home: string;
  config: string;
  credentials: string;
}

/** A fresh home holding the fixture's files in ~/.aws (a file the fixture lacks is simply absent). */
function homeFor(fixture: string | null): Home {
  const home = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-aws-'));
  temps.push(home);
  mkdirSync(path.join(home, '.aws'));
  const config = path.join(home, '.aws', 'config');
  const credentials = path.join(home, '.aws', 'credentials');
  for (const [name, dest] of [['config', config], ['credentials', credentials]] as const) {
    const src = fixture && path.join(FIXTURES, fixture, name);
    if (src && existsSync(src)) copyFileSync(src, dest);
  }
  return { home, config, credentials };
}

const absent = (h: Home) => path.join(h.home, 'absent');

function ours(h: Home, files: { config: string; credentials: string } = h): Promise<AwsProfiles> {
  const vars = { HOME: h.home, AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: files.credentials };
  return readAwsProfiles(resolvePaths({ platform: 'linux', vars, home: h.home, isRoot: false, now: () => new Date() }));
}

/** The CLI with a bare environment: no inherited AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION or pager. */
function aws(h: Home, args: string[], files: { config: string; credentials: string } = h) {
  return run(AWS, args, {
    timeoutMs: 30_000,
    env: {
      PATH: '/usr/bin:/bin',
      HOME: h.home,
      LANG: 'C.UTF-8',
      AWS_CONFIG_FILE: files.config,
      AWS_SHARED_CREDENTIALS_FILE: files.credentials,
    },
  });
}

async function cliProfiles(h: Home, files?: { config: string; credentials: string }): Promise<string[]> {
  const r = await aws(h, ['configure', 'list-profiles'], files);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').slice(0, -1);
}

/** `aws configure get region`: exit 1 (unset, or a nested block) and an empty value both mean "no region". */
async function cliRegion(h: Home, profile: string, files?: { config: string; credentials: string }): Promise<string | null> {
  const r = await aws(h, ['configure', 'get', 'region', '--profile', profile], files);
  if (r.code === 1 && r.stdout === '') return null;
  expect(r.code, `${profile}: ${r.stderr}`).toBe(0);
  const value = r.stdout.replace(/\n$/, '');
  return value === '' ? null : value;
}

async function expectSameAsCli(h: Home, mine: AwsProfiles, files?: { config: string; credentials: string }) {
  expect(mine.profiles.map((p) => p.name)).toEqual(await cliProfiles(h, files));
  const regions = await Promise.all(mine.profiles.map(async (p) => [p.name, await cliRegion(h, p.name, files)]));
  expect(mine.profiles.map((p) => [p.name, p.region])).toEqual(regions);
}

afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});


needs(`${AWS} (apt-get install awscli)`, hasAws)('AWS profiles as the real AWS CLI reads them', () => {
  it('has fixtures to compare', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it('no files at all: no profiles', async () => {
    const h = homeFor(null);
    const mine = await ours(h);
    expect(mine.problems).toEqual([]);
    await expectSameAsCli(h, mine);
  });

  for (const fixture of fixtures) {
    it(`${fixture}: same profiles, order and regions as the CLI`, async () => {
      const h = homeFor(fixture);
      const mine = await ours(h);
      if (mine.problems.length === 0) {
        expect(fixture.startsWith('bad-'), 'a bad-* fixture must produce a problem').toBe(false);
        await expectSameAsCli(h, mine);
        return;
      }
      expect(fixture.startsWith('bad-'), mine.problems.map((p) => p.message).join('\n')).toBe(true);

      // Every file we call malformed, the CLI refuses too: alone, and together with the other file.
      const all = await aws(h, ['configure', 'list-profiles']);
      expect(all.code).not.toBe(0);
      expect(mine.problems.map((p) => p.file)).toContain(all.stderr.match(/Unable to parse config file: (.+)/)?.[1]);
      const bad = new Set(mine.problems.map((p) => p.file));
      for (const file of bad) {
        const alone = await aws(h, ['configure', 'list-profiles'], {
          config: file === h.config ? file : absent(h),
          credentials: file === h.credentials ? file : absent(h),
        });
        expect(alone.code, `the CLI accepted ${file}`).not.toBe(0);
        expect(alone.stderr).toContain(`Unable to parse config file: ${file}`);
      }

      // What we still show is exactly what the CLI shows once the malformed files are gone.
      const rest = {
        config: bad.has(h.config) ? absent(h) : h.config,
        credentials: bad.has(h.credentials) ? absent(h) : h.credentials,
      };
      const restOurs = await ours(h, rest);
      expect(restOurs.profiles).toEqual(mine.profiles);
      await expectSameAsCli(h, mine, rest);
    });
  }
});

// Beyond the hand-written fixtures: random files built from the tricky pieces, parsed by the very botocore and
// configparser the CLI runs (one Python process for all, since starting `aws` per file would take minutes).
const BOTOCORE = '/usr/lib/python3/dist-packages/awscli/botocore/configloader.py';
const hasBotocore = hasAws && existsSync(BOTOCORE) && existsSync('/usr/bin/python3');

const ORACLE = String.raw`
import json, os, sys
sys.path.insert(0, '/usr/lib/python3/dist-packages')
from awscli.botocore import session as bs
from awscli.botocore.configloader import raw_config_parse
def pairs(d):
    return [[k, pairs(v) if isinstance(v, dict) else v] for k, v in d.items()]
def parse(f):
    if not os.path.isfile(f): return None
    try: return pairs(raw_config_parse(f))
    except Exception as e:
        if type(e).__name__ != 'ConfigParseError': raise
        return 'refused'
out = []
for i in range(int(sys.argv[2])):
    c, k = [os.path.join(sys.argv[1], '%d.%s' % (i, n)) for n in ('config', 'credentials')]
    res = {'config': parse(c), 'credentials': parse(k)}
    # Our contract: a refused file contributes nothing, so ask botocore with refused files taken away.
    os.environ['AWS_CONFIG_FILE'] = c if res['config'] != 'refused' else '/nonexistent'
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = k if res['credentials'] != 'refused' else '/nonexistent'
    profiles = bs.Session().full_config['profiles']
    res['profiles'] = [[n, profiles[n].get('region')] for n in profiles]
    out.append(res)
print(json.dumps(out))
`;
import { needs } from '../support/needs';

const PIECES = [
  '[default]', '[DEFAULT]', '[profile a]', '[profile a.b]', '[profile  a ]', '[profile "x y"]', "[profile 'q]", '[profilez w]',
  '[profile a b]', '[sso-session s]', '[x]', '[ default ]', '[]', '[a]b]', '[default] ; c', '[profile c', 'region = us-east-1',
  'Region: eu-west-1', 'region =', 'REGION=ap-1', 's3 =', 'k = v # c', 'k2 : v ; c', '= x', 'junk', '# comment', '; comment', '',
  '  ', 'x=1', 'y = a=b:c', 'aws_access_key_id = AKID', 'role_arn = r', 'sso_session = s', '%(a)s = 1', '\x85region = a\x85',
  '\xa0[default]', 'k =\x1c', '\x0bx = 1', 's3 =\x0c', '  a = 1\x1db = 2', '\u2028k = v', '\ufeffk = v', '  n = 1', '  m: 2',
];

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomIni(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const eol = pick(['\n', '\n', '\r\n', '\r']);
  const lines: string[] = [];
  for (let i = Math.floor(rnd() * 13); i > 0; i--) {
    let piece = lines.length === 0 && rnd() < 0.8 ? pick(PIECES.filter((p) => p.startsWith('['))) : pick(PIECES);
    while (['junk', '= x', '[]'].includes(piece) && rnd() < 0.8) piece = pick(PIECES);
    lines.push((rnd() < 0.3 ? pick(['  ', '\t', ' ']) : '') + piece);
  }
  return lines.join(eol) + pick(['', eol]);
}

function ourView(text: string | null): unknown {
  if (text === null) return null;
  const r = parseIni(text);
  if (!r.ok) return 'refused';
  const pairs = (m: Iterable<[string, unknown]>): unknown[] =>
    [...m].map(([k, v]) => [k, typeof v === 'string' ? v : pairs(v instanceof Map ? v : Object.entries(v as object))]);
  return pairs(r.sections);
}

needs(`${BOTOCORE} (Debian's awscli) and python3`, hasBotocore)("random files agree with the CLI's own botocore", () => {
  it('1500 random config + credentials pairs: same sections, refusals, profiles and regions', async () => {
    const n = 1500;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-aws-fuzz-'));
    temps.push(dir);
    const rnd = random(20240611);
    const files: { config: string; credentials: string; texts: (string | null)[] }[] = [];
    for (let i = 0; i < n; i++) {
      const f = { config: path.join(dir, `${i}.config`), credentials: path.join(dir, `${i}.credentials`), texts: [] as (string | null)[] };
      for (const file of [f.config, f.credentials]) {
        const text = rnd() < 0.1 ? null : randomIni(rnd);
        if (text !== null) writeFileSync(file, text);
        f.texts.push(text);
      }
      files.push(f);
    }
    const py = await run('/usr/bin/python3', ['-c', ORACLE, dir, String(n)], {
      timeoutMs: 60_000,
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: dir },
    });
    expect(py.code, py.stderr).toBe(0);
    const oracle = JSON.parse(py.stdout) as { config: unknown; credentials: unknown; profiles: [string, unknown][] }[];
    let refused = 0;
    for (const [i, f] of files.entries()) {
      const want = oracle[i];
      const mine = await readAwsProfiles({ awsConfig: f.config, awsCredentials: f.credentials } as Paths);
      const got = {
        config: ourView(f.texts[0] ?? null),
        credentials: ourView(f.texts[1] ?? null),
        profiles: mine.profiles.map((p) => [p.name, p.region]),
      };
      const expected = { ...want, profiles: want?.profiles.map(([name, r]) => [name, typeof r === 'string' && r !== '' ? r : null]) };
      expect(got, `case ${i}: ${JSON.stringify(f.texts)}`).toEqual(expected);
      expect(mine.problems.length).toBe([got.config, got.credentials].filter((v) => v === 'refused').length);
      if (got.config === 'refused') refused++;
    }
    // The generator must exercise both outcomes, or this test proves little.
    expect(refused).toBeGreaterThan(n / 10);
    expect(refused).toBeLessThan(n * 0.9);
  });
});
