// Profiles, regions and kinds from the fixture homes in test/fixtures/aws/ (the same ones the integration test
// checks against the real AWS CLI), and the problems reported for malformed files.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readAwsProfiles, SECRET_KEYS, type AwsProfiles } from '../../main/core/aws/profiles';
import { resolvePaths } from '../../main/core/paths';

const FIXTURES = fileURLToPath(new URL('../fixtures/aws/', import.meta.url));
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** Reads a fixture through the real path resolution: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE. */
function read(fixture: string): Promise<AwsProfiles> {
  const dir = path.join(FIXTURES, fixture);
  const vars = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
  return readAwsProfiles(resolvePaths({ platform: 'linux', vars, home: '/nonexistent-home', isRoot: false, now: () => new Date() }));
}

const table = (r: AwsProfiles) => r.profiles.map((p) => [p.name, p.region, p.type]);
const fixtureFile = (fixture: string, name: string) => path.join(FIXTURES, fixture, name);

describe('readAwsProfiles: profiles as `aws configure list-profiles` lists them', () => {
  it('one profile of each kind, config profiles first, then credentials-only ones', async () => {
    const r = await read('basic');
    expect(r.problems).toEqual([]);
    expect(table(r)).toEqual([
      ['default', 'eu-west-1', 'static'], // keys from the credentials file, region from the config file
      ['static-cfg', 'us-east-2', 'static'],
      ['sso-legacy', 'us-west-2', 'sso'],
      ['sso-new', 'ap-southeast-2', 'sso'],
      ['sso-token-only', null, 'sso'],
      ['role', 'eu-central-1', 'assume-role'],
      ['webid', null, 'assume-role'],
      ['proc', 'ca-central-1', 'process'],
      ['nothing', null, 'other'],
      ['creds-only', 'sa-east-1', 'static'],
    ]);
  });

  it('merges settings for the login engine, credentials file over config file, secrets left out', async () => {
    const r = await read('basic');
    expect(r.details.get('default')).toEqual({ region: 'eu-west-1', output: 'json', aws_access_key_id: 'AKIDDEFAULTEXAMPLE' });
    expect(r.details.get('role')).toEqual({
      role_arn: 'arn:aws:iam::123456789012:role/Deploy',
      source_profile: 'default',
      mfa_serial: 'arn:aws:iam::123456789012:mfa/me',
      region: 'eu-central-1',
    });
    expect(r.details.get('proc')?.credential_process).toBe('/usr/local/bin/get-creds --profile "x y"');
    expect([...r.details.keys()]).toEqual(r.profiles.map((p) => p.name));
    const all = JSON.stringify([...r.details, ...r.ssoSessions]);
    for (const secret of ['default-secret-example', 'config-secret-example', 'creds-secret-example']) expect(all).not.toContain(secret);
    for (const key of SECRET_KEYS) expect(all).not.toContain(key);
  });

  it('keeps [sso-session] sections apart from profiles, with the # in the start URL', async () => {
    const r = await read('basic');
    expect(r.profiles.map((p) => p.name)).not.toContain('corp');
    expect(r.ssoSessions.get('corp')).toEqual({
      sso_start_url: 'https://corp.awsapps.com/start/#/',
      sso_region: 'us-east-1',
      sso_registration_scopes: 'sso:account:access',
    });
    expect(r.details.get('sso-legacy')?.sso_start_url).toBe('https://legacy.awsapps.com/start#/');
  });

  it('decides the kind in botocore credential-chain order when several sources are set', async () => {
    const r = await read('precedence');
    expect(r.problems).toEqual([]);
    expect(Object.fromEntries(r.profiles.map((p) => [p.name, p.type]))).toEqual({
      'role-and-keys': 'assume-role', // role_arn beats static keys
      'sso-and-keys': 'sso', // sso_account_id/sso_role_name beat static keys
      'process-and-config-keys': 'process', // config-file keys come after credential_process
      'process-and-creds-keys': 'static', // credentials-file keys come before it
      'role-and-process': 'assume-role',
      'webid-empty-token': 'other', // an empty web_identity_token_file is skipped, as botocore does
      base: 'static',
    });
  });

  it('reads every corner of the syntax the way botocore does', async () => {
    const r = await read('syntax');
    expect(r.problems).toEqual([]);
    expect(table(r)).toEqual([
      ['a.b', 'us-gov-west-1', 'other'], // dotted name not nested; credentials [a.b] wins the region
      ['sso.url', 'ap-northeast-1', 'sso'], // `key: value`, upper-case keys
      ['inline', 'us-west-1 ; not a comment', 'other'], // no inline comments
      ['colon', 'eu-west-3', 'assume-role'],
      ['nested', 'us-east-2', 'other'],
      ['nested-region', null, 'other'], // region is a nested block: the CLI prints an error and exits 1
      ['continued', 'us-west-2\noutput = json', 'other'], // an indented line continues the value above
      ['indented', 'af-south-1', 'other'],
      ['tabbed', 'me-south-1', 'other'],
      ['empty-region', null, 'other'],
      ['bar', 'il-central-1', 'other'], // [profilefoo bar]: botocore only checks the prefix and word count
      ['my dev', 'ap-south-1', 'static'], // [profile "my dev"] is shlex-split; credentials [my dev] merges in
      ['twice', 'second', 'other'], // [profile  twice ] replaces [profile twice] wholesale (output is gone)
      ['default', 'from-default', 'other'], // [default] after [profile default] replaces it, keeping its place
      ['with-dollar', '%(not)s-interpolated', 'other'],
      ['profile x', null, 'static'], // the credentials file takes section names verbatim
      ['sso-session corp', 'eu-west-2', 'other'],
      ['not-a-profile', null, 'other'], // ignored in config, a profile in credentials
    ]);
    expect(r.details.get('twice')).toEqual({ region: 'second' });
    expect(r.details.get('nested')).toEqual({ region: 'us-east-2' }); // the s3 block is not a flat setting
    expect(r.details.get('sso.url')).toMatchObject({ sso_region: 'us-east-1', sso_account_id: '111122223333', sso_role_name: 'Admin' });
    expect(r.ssoSessions.get('corp')).toEqual({ sso_start_url: 'https://corp.awsapps.com/start/#/', sso_region: 'us-east-1' });
  });

  it('applies each file’s [DEFAULT] section to every section of that file', async () => {
    const r = await read('default-section');
    expect(table(r)).toEqual([
      ['inherits', 'eu-south-1', 'other'],
      ['own-region', 'us-gov-east-1', 'static'], // the credentials file's [DEFAULT] region wins over the config's own
      ['creds-only', 'us-gov-east-1', 'process'],
    ]);
    expect(r.details.get('inherits')).toEqual({ output: 'text', region: 'eu-south-1', cli_pager: '' });
  });

  it('reads \\r\\n and lone \\r line ends', async () => {
    expect(table(await read('crlf'))).toEqual([
      ['default', 'us-east-1', 'other'],
      ['crlf', 'eu-west-1', 'static'],
    ]);
  });

  it('lists credentials-file profiles in file order when there is no config file, without a problem', async () => {
    const r = await read('only-credentials');
    expect(r.problems).toEqual([]);
    expect(table(r)).toEqual([
      ['zeta', 'us-west-1', 'static'],
      ['alpha', null, 'assume-role'],
      ['default', null, 'static'],
    ]);
  });

  it('says the account, role, Identity Center session and whether an MFA code is asked, as the files declare them', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-aws-unit-'));
    temps.push(home);
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(
      path.join(home, '.aws', 'config'),
      [
        '[profile base]', 'region = eu-west-1',
        '[profile admin]', 'role_arn = arn:aws:iam::222233334444:role/team/Admin', 'source_profile = base', 'mfa_serial = arn:aws:iam::111122223333:mfa/dana',
        '[profile from-admin]', 'role_arn = arn:aws:iam::555566667777:role/Deploy', 'source_profile = admin',
        '[profile keys-mfa]', 'mfa_serial = arn:aws:iam::111122223333:mfa/dana', // no role_arn: the SDK never asks for it
        '[profile loop]', 'role_arn = arn:aws-cn:iam::888899990000:role/Loop', 'source_profile = loop',
        '[profile dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Dev',
        '[profile legacy]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_account_id = 12345', 'sso_role_name = Old',
        '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1',
      ].join('\n') + '\n',
    );
    writeFileSync(path.join(home, '.aws', 'credentials'), '[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n');
    const r = await readAwsProfiles(resolvePaths({ platform: 'darwin', vars: {}, home, isRoot: false, now: () => new Date() }));
    const by = Object.fromEntries(r.profiles.map(({ name, ...rest }) => [name, rest]));
    expect(by).toEqual({
      base: { region: 'eu-west-1', type: 'static' },
      admin: { region: null, type: 'assume-role', accountId: '222233334444', roleName: 'Admin', mfa: true },
      'from-admin': { region: null, type: 'assume-role', accountId: '555566667777', roleName: 'Deploy', mfa: true },
      'keys-mfa': { region: null, type: 'other' },
      loop: { region: null, type: 'assume-role', accountId: '888899990000', roleName: 'Loop' },
      dev: { region: null, type: 'sso', accountId: '111122223333', roleName: 'Dev', ssoSession: 'corp' },
      // Not an account id: not shown as one.
      legacy: { region: null, type: 'sso', roleName: 'Old', ssoSession: 'https://corp.awsapps.com/start' },
    });
  });

  it('returns nothing and writes nothing when neither file exists', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-aws-unit-'));
    temps.push(home);
    const r = await readAwsProfiles(resolvePaths({ platform: 'darwin', vars: {}, home, isRoot: false, now: () => new Date() }));
    expect(r).toEqual({ profiles: [], problems: [], details: new Map(), ssoSessions: new Map() });
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('readAwsProfiles: malformed files', () => {
  const goodCredentials = [['good', 'us-east-1', 'static']];
  const goodConfig = [
    ['default', 'eu-west-1', 'other'],
    ['good', 'us-east-1', 'other'],
  ];
  const cases: [fixture: string, bad: 'config' | 'credentials', message: RegExp, rest: (string | null)[][]][] = [
    ['bad-duplicate-section', 'config', /^Line 7: section \[profile dev\] appears a second time \(first at line 4\): merge the two sections into one\./, goodCredentials],
    ['bad-duplicate-key', 'credentials', /^Line 4: the key "aws_access_key_id" appears twice in section \[default\]: keep only one of the two lines\./, goodConfig],
    ['bad-junk-line', 'config', /^Line 3: this line is neither a \[section\] header, a comment, nor a "key = value" setting: fix it, delete it, or start it with # to keep it as a comment\./, goodCredentials],
    ['bad-key-before-section', 'credentials', /^Line 1: a setting comes before any section header: move it under a \[default\] or \[NAME\] header, or delete it\./, goodConfig],
    ['bad-bom', 'config', /^Line 1: the file starts with an invisible byte-order mark \(BOM\): save it again as UTF-8 without BOM\./, goodCredentials],
    ['bad-utf8', 'config', /^Line 3: the file is not valid UTF-8 text: save it again as UTF-8\./, goodCredentials],
    ['bad-nested', 'config', /^Line 5: this line in the indented block under "s3" has no "=": write it as "name = value" or delete it\./, goodCredentials],
    ['bad-empty-key', 'credentials', /^Line 2: there is no key name before the "=": add the key name or delete the line\./, goodConfig],
    ['bad-duplicate-default-key', 'config', /^Line 5: the key "region" appears twice in section \[DEFAULT\]/, goodCredentials],
    ['bad-brackets', 'config', /^Line 1: this section header has no name or no closing "\]"/, goodCredentials],
  ];
  for (const [fixture, bad, message, rest] of cases) {
    it(`${fixture}: a problem naming the ${bad} file, and the other file's profiles`, async () => {
      const r = await read(fixture);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]?.file).toBe(fixtureFile(fixture, bad));
      expect(r.problems[0]?.message).toMatch(message);
      expect(r.problems[0]?.message).toMatch(/The AWS CLI refuses this file too .*none of its profiles can be used until it is fixed\.$/);
      expect(table(r).map(([n, region]) => [n, region])).toEqual(rest.map(([n, region]) => [n, region]));
    });
  }

  it('never puts a value from the file in a problem', async () => {
    for (const fixture of ['bad-duplicate-key', 'bad-key-before-section', 'bad-empty-key', 'bad-junk-line']) {
      const r = await read(fixture);
      expect(JSON.stringify(r.problems)).not.toMatch(/AKID|no delimiter/);
    }
  });

  it('reports both files when both are malformed, and lists no profile', async () => {
    const r = await read('bad-both');
    expect(r.profiles).toEqual([]);
    expect(r.problems).toEqual([
      { file: fixtureFile('bad-both', 'config'), message: expect.stringMatching(/^Line 2: this line is neither/) },
      { file: fixtureFile('bad-both', 'credentials'), message: expect.stringMatching(/^Line 2: section \[default\] appears a second time/) },
    ]);
  });

  it('reports a file that exists but cannot be read, saying the CLI ignores it', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-aws-unit-'));
    temps.push(home);
    mkdirSync(path.join(home, '.aws', 'config'), { recursive: true }); // a folder where the file should be
    writeFileSync(path.join(home, '.aws', 'credentials'), readFileSync(fixtureFile('bad-junk-line', 'credentials')));
    const r = await readAwsProfiles(resolvePaths({ platform: 'linux', vars: {}, home, isRoot: false, now: () => new Date() }));
    expect(r.problems).toEqual([
      { file: path.join(home, '.aws', 'config'), message: expect.stringMatching(/could not be read \(EISDIR\).*The AWS CLI cannot read it either and ignores it/) },
    ]);
    expect(table(r)).toEqual([['good', 'us-east-1', 'static']]);
  });
});

describe('the status path stays light', () => {
  it('main/core/aws imports neither the AWS SDK nor the ini package', () => {
    const dir = fileURLToPath(new URL('../../main/core/aws/', import.meta.url));
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/from ['"](@aws-sdk|@smithy|ini['"])/);
    }
  });
});
