// Our reading of ~/.aws/config and ~/.aws/credentials against the real AWS CLI (Debian's awscli 2.9, botocore
// inside): same profile names in the same order, same region per profile, and the CLI also refuses every file
// we report as malformed. Each fixture in test/fixtures/aws/ is copied into a throwaway home.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readAwsProfiles, type AwsProfiles } from '../../main/core/aws/profiles';
import { resolvePaths } from '../../main/core/paths';
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

const skipped = hasAws ? '' : ` — SKIPPED: ${AWS} is not installed (apt-get install awscli)`;

describe.skipIf(!hasAws)(`AWS profiles as the real AWS CLI reads them${skipped}`, () => {
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
