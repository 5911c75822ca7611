// The read-only window: what Finch's registry logins and the AWS profiles look like on a sandbox home, served
// by main's real handler table. (The README's screenshots: `npm run screenshots`, screenshots/docs.spec.ts.)
import { chmodSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { Failure } from '../main/core/failure';
import type { Check } from '../shared/types';
import { basicAuth, expect, fakeCredentialHelper, registries, registryRow, test, type SandboxHomeOptions } from './harness';
import { awsConfig, awsCredentials, awsSecretKey, macFinch } from './harness/homes';

const dockerHubPassword = 'dckr_pat_Zq8mN3vT5wX1yB7cK0aRfinch';
const privatePassword = 'S3cure-Registry-Passw0rd!';
const ecrHost = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const privateHost = 'registry.internal.example.com:5000';

/** A macOS user with an ECR registry through ecr-login, a plaintext Docker Hub login and a company registry. */
function macHome(): SandboxHomeOptions {
  return {
    ...macFinch,
    files: {
      '.finch/config.json': {
        auths: {
          [ecrHost]: {},
          'https://index.docker.io/v1/': { auth: basicAuth('dana', dockerHubPassword) },
          [privateHost]: { auth: basicAuth('ci-bot', privatePassword) },
        },
        credHelpers: { [ecrHost]: 'ecr-login' },
      },
      '.aws/config': awsConfig,
      '.aws/credentials': awsCredentials,
    },
  };
}

const profiles = (page: Page) => page.getByRole('table', { name: 'AWS profiles' });
/** The health checks run on their own when the window opens (for the Health badge); the rest are the window's reads. */
const notChecks = (channel: string) => channel !== 'runChecks';

test('lists the registries with kind, account, region and auth source, and the AWS profiles', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome(macHome()));

  await expect(page.getByRole('heading', { name: 'Registries' })).toBeVisible();
  await expect(registries(page).getByRole('row')).toHaveCount(1 + 3);
  await expect(registryRow(page, ecrHost).getByRole('cell')).toHaveText([
    'Amazon ECR',
    /123456789012\s*eu-west-1/,
    /Credential helper\s*ecr-login/,
    'On demand',
    'on demand via ecr-login',
  ]);
  await expect(registryRow(page, 'docker.io').getByRole('cell')).toHaveText([
    'Docker Hub',
    '—',
    /Plaintext in config\.json\s*dana/,
    'Logged in',
    /Re-login\s*Log out/,
  ]);
  await expect(registryRow(page, privateHost).getByRole('cell')).toHaveText([
    'Registry',
    '—',
    /Plaintext in config\.json\s*ci-bot/,
    'Logged in',
    /Re-login\s*Log out/,
  ]);

  const finch = page.getByRole('banner').getByRole('definition');
  await expect(finch.nth(0)).toHaveText(/^Version 1\.19\.0.*\/usr\/local\/bin\/finch$/);
  await expect(finch.nth(1)).toHaveText('Running');
  await expect(finch.nth(2)).toHaveText('~/.finch/config.json');
  await expect(finch.nth(3)).toHaveText('None');

  await page.getByRole('button', { name: /^AWS profiles/ }).click();
  await expect(page.getByRole('heading', { name: 'AWS profiles' })).toBeVisible();
  const rows = profiles(page).getByRole('row');
  await expect(rows).toHaveCount(1 + 5);
  const profile = (name: string) => rows.filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell');
  // Kind (with the role and Identity Center session it names), account, region.
  await expect(profiles(page).getByRole('columnheader')).toHaveText(['Profile', 'Kind', 'Account', 'Region']);
  await expect(profile('default')).toHaveText(['Access keys', 'Not known until a login', 'us-east-1']);
  await expect(profile('dev')).toHaveText(['IAM Identity Center (SSO)role PowerUserAccess · session acme', '123456789012', 'eu-west-1']);
  await expect(profile('prod')).toHaveText(['Assume rolerole Deployer', '987654321098', 'us-west-2']);
  await expect(profile('ci')).toHaveText(['Credential process', 'Not known until a login', 'Not set']);
  await expect(profiles(page)).not.toContainText('MFA');

  expect(app.calls.map((c) => c.channel).filter(notChecks)).toEqual(['getStatus']);
});

test('the profiles view says which profile asks for an MFA code, and the account STS named at a login', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({
    ...macFinch,
    files: {
      '.aws/config': '[default]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::444455556666:role/Admin\nsource_profile = default\nmfa_serial = arn:aws:iam::111122223333:mfa/dana\n',
      '.aws/credentials': awsCredentials,
    },
    appState: { version: 1, registries: {}, accounts: { default: { accountId: '111122223333', checkedAt: new Date().toISOString() } } },
  });
  await app.open(home);
  await page.getByRole('button', { name: /^AWS profiles/ }).click();
  const rows = profiles(page).getByRole('row');
  const profile = (name: string) => rows.filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell');
  await expect(profile('admin')).toHaveText(['Assume rolerole AdminAsks for an MFA code at each login', '444455556666', 'Not set']);
  await expect(profile('default')).toHaveText(['Access keys', '111122223333', 'us-east-1']);
});

test('a long Finch path in the header is cut in the middle on screen, and read out in full', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome(macHome());
  await app.open(home);
  const finchPath = page.getByRole('banner').locator('code.path').first();
  const full = home.path('/usr/local/bin/finch');
  expect(full.length).toBeGreaterThan(36);
  await expect(finchPath.locator('[aria-hidden="true"]')).toHaveText(/^\/tmp\/….*\/bin\/finch$/);
  await expect(finchPath.locator('.visually-hidden')).toHaveText(full);
  await expect(finchPath).toHaveAttribute('title', full);
});

test('never puts a stored secret in the page', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome(macHome()));
  await expect(registryRow(page, 'docker.io')).toContainText('dana');
  const secrets = [dockerHubPassword, basicAuth('dana', dockerHubPassword), privatePassword, basicAuth('ci-bot', privatePassword), awsSecretKey];

  const pageText = async () => `${await page.content()}\n${await page.locator('body').innerText()}`;
  const seen = [await pageText()];
  await page.getByRole('button', { name: /^AWS profiles/ }).click();
  await expect(profiles(page)).toBeVisible();
  seen.push(await pageText());

  for (const secret of secrets) {
    for (const text of seen) expect(text).not.toContain(secret);
    // Nor anything the bridge handed the page, rendered or not.
    expect(app.transcript()).not.toContain(secret);
  }
});

test('shows a host or username with control characters or a bidi override escaped, as the CLI prints it', async ({ app, page, sandboxHome }) => {
  // A config.json key is any string: U+202E would show "rtl\u202eoi.lave" as "rtlevil.io", a line feed as two lines.
  await app.open(
    sandboxHome({
      ...macFinch,
      files: {
        '.finch/config.json': {
          auths: {
            'rtl\u202eoi.lave': { auth: basicAuth('bob\u202enimda', privatePassword) },
            'evil.io\nghcr.io': {},
            '\u001b]0;pwned\u0007title.io': {},
          },
        },
      },
    }),
  );
  await expect(registries(page).getByRole('row')).toHaveCount(1 + 3);
  for (const shown of ['rtl\\u202eoi.lave', 'evil.io\\nghcr.io', '\\u001b]0;pwned\\u0007title.io']) await expect(registryRow(page, shown)).toHaveCount(1);
  await expect(registryRow(page, 'rtl\\u202eoi.lave')).toContainText('bob\\u202enimda');
  const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  // Everything the page shows or a screen reader reads: its text, and every title and accessible label.
  const everything = async () => [await page.locator('body').innerText(), ...(await page.locator('[title], [aria-label]').evaluateAll((els) => els.flatMap((e) => [e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? ''])))];
  for (const t of await everything()) expect(t).not.toMatch(unsafe);
  // The logout confirmation names the host too.
  await registryRow(page, 'rtl\\u202eoi.lave').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByText('Log out of rtl\\u202eoi.lave?')).toBeVisible();
  for (const t of await everything()) expect(t).not.toMatch(unsafe);
});

test('shows a broken config.json as a problem naming the file, and the rest of the status', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({
    platform: 'darwin',
    files: { '.finch/config.json': '{\n  "auths": {\n    "ghcr.io": {}\n  ,\n}\n', '.aws/config': awsConfig },
  });
  await app.open(home);

  // Said first, with where and what to do; not repeated in the problems list.
  const broken = page.getByRole('region', { name: 'Finch’s config.json is broken' });
  await expect(broken.locator('code')).toHaveText('~/.finch/config.json');
  await expect(broken.locator('code')).toHaveAttribute('title', home.path('.finch/config.json'));
  await expect(broken).toContainText('config.json is not valid JSON (line 5, column 1)');
  await expect(broken).toContainText('Fix it in a text editor, or move it away');
  await expect(page.getByRole('region', { name: /problem/ })).toHaveCount(0);
  // The store it names is unknown, not "None"; nothing may be added until it is fixed.
  await expect(page.getByRole('banner')).toContainText(/Credentials store\s*Unknown\s*config\.json is broken/);
  await expect(page.getByRole('button', { name: 'Add registry…' })).toBeDisabled();
  // Not "no registries yet": the file is there, it just cannot be read.
  await expect(page.getByRole('heading', { name: 'No registries to show' })).toBeVisible();
  // The profiles are still read.
  await expect(page.getByRole('button', { name: /^AWS profiles/ })).toContainText('5');
});

test('tells a user without any Finch config what to do', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome({ platform: 'darwin' }));

  await expect(page.getByRole('heading', { name: 'No registries yet' })).toBeVisible();
  await expect(page.getByText('finch login --username <user>', { exact: true })).toBeVisible();
  await expect(page.getByText(/\| finch login --username AWS --password-stdin <account>\.dkr\.ecr\.<region>\.amazonaws\.com/)).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Finch not found');
  await expect(page.getByRole('region', { name: 'Finch is not installed' })).toContainText('Install Finch from runfinch.com');
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByRole('region', { name: /problem/ })).toHaveCount(0);

  await page.getByRole('button', { name: /^AWS profiles/ }).click();
  await expect(page.getByRole('heading', { name: 'No AWS profiles' })).toBeVisible();
  await expect(page.getByText('aws configure sso', { exact: true })).toBeVisible();
});

test('without Finch the main view says so first, above the rows, and what to do', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome({ ...macHome(), finch: undefined }));
  const missing = page.getByRole('region', { name: 'Finch is not installed' });
  await expect(missing).toContainText('no login can work until Finch is found. Install Finch from runfinch.com');
  await expect(missing).toContainText('FINCH_LOGINS_FINCH');
  await expect(registries(page).getByRole('row')).toHaveCount(4);
  // First: above the problems, the view's heading and the rows.
  const top = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!.y;
  expect(await top(missing)).toBeLessThan(await top(page.getByRole('heading', { name: 'Registries', level: 2 })));
  expect(await top(missing)).toBeLessThan(await top(registries(page)));
  // A broken file is the other thing said first; a good one is not.
  await expect(page.getByRole('region', { name: 'Finch’s config.json is broken' })).toHaveCount(0);
  // Nothing can log in or out without Finch: the buttons are off and say why (the notice).
  for (const name of [/^Log in to all$/, /^Re-login all$/]) {
    await expect(page.getByRole('button', { name })).toBeDisabled();
  }
  const rowButtons = registries(page).getByRole('button', { name: /^(Log in|Re-login|Log out)$/ });
  expect(await rowButtons.count()).toBeGreaterThan(0);
  for (const b of await rowButtons.all()) {
    await expect(b).toBeDisabled();
    await expect(b).toHaveAccessibleDescription('Finch is not installed');
  }
});

test('a password left in config.json beside ecr-login is said to be unused, with no fix to offer (the move leaves helper rows)', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({
    ...macFinch,
    files: { '.finch/config.json': { auths: { [ecrHost]: { auth: basicAuth('AWS', 'old-token') } }, credHelpers: { [ecrHost]: 'ecr-login' } } },
  });
  // The keychain helper is there, so Health offers its fix for the plain text; the ECR row's copy is not what it moves.
  home.write('/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({}));
  chmodSync(home.path('/usr/local/bin/docker-credential-osxkeychain'), 0o755);
  await app.open(home);
  const offered = () => {
    const run = app.calls.find((c) => c.channel === 'runChecks' && c.result.ok);
    return run?.result.ok ? (run.result.value as Check[]).find((c) => c.id === 'plaintext-credentials')?.fix?.id : undefined;
  };
  await expect.poll(offered).toBe('migrate-plaintext');
  const row = registryRow(page, ecrHost);
  await expect(row).toContainText('A password in plain text in config.json is not used: Finch asks ecr-login instead.');
  await expect(row.getByRole('button', { name: /Move plain-text passwords/ })).toHaveCount(0);
  expect(await page.content()).not.toContain('old-token');
});

test('Refresh picks up a change made to config.json on disk', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({ platform: 'darwin', files: { '.finch/config.json': { auths: { 'ghcr.io': {} } } } });
  await app.open(home);
  await expect(registries(page).getByRole('row')).toHaveCount(2);

  home.write('.finch/config.json', { auths: { 'ghcr.io': {}, 'quay.io': { auth: basicAuth('robot', 'quay-secret-1') } } });
  await page.getByRole('button', { name: 'Refresh status' }).click();

  await expect(registryRow(page, 'quay.io').getByRole('cell')).toHaveText(['Registry', '—', /Plaintext in config\.json\s*robot/, 'Logged in', /Re-login\s*Log out/]);
  await expect(page.getByRole('button', { name: /^Registries/ })).toContainText('2');
  expect(app.calls.map((c) => c.channel).filter(notChecks)).toEqual(['getStatus', 'getStatus']);
});

test('follows the status main pushes (statusChanged)', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({ platform: 'darwin', files: { '.finch/config.json': { auths: { 'ghcr.io': {} } } } });
  await app.open(home);
  await expect(registries(page).getByRole('row')).toHaveCount(2);

  home.write('.finch/config.json', { credHelpers: { 'public.ecr.aws': 'ecr-login' } });
  await app.pushStatus();

  await expect(registryRow(page, 'public.ecr.aws').getByRole('cell')).toHaveText(['ECR Public', '—', /Credential helper\s*ecr-login/, 'On demand', 'on demand via ecr-login']);
  await expect(registryRow(page, 'ghcr.io')).toHaveCount(0);
  // A push is not a request: the window asked only once.
  expect(app.calls.map((c) => c.channel).filter(notChecks)).toEqual(['getStatus']);
});

test('shows a failed read with its hint, and recovers on Refresh', async ({ app, page, sandboxHome }) => {
  let failing = true;
  await app.open(sandboxHome({ platform: 'darwin', files: { '.finch/config.json': { auths: { 'ghcr.io': {} } } } }), {
    handlers: (real) => ({
      ...real,
      getStatus: async (request) => {
        if (failing) throw new Failure('file-unreadable', 'Finch’s files could not be read.', 'Check that ~/.finch is readable, then refresh.');
        return real.getStatus(request);
      },
    }),
  });

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Finch’s files could not be read.');
  await expect(alert).toContainText('Check that ~/.finch is readable, then refresh.');
  expect(app.calls[0]?.result).toEqual({
    ok: false,
    error: { kind: 'file-unreadable', message: 'Finch’s files could not be read.', hint: 'Check that ~/.finch is readable, then refresh.' },
  });

  failing = false;
  await page.getByRole('button', { name: 'Refresh status' }).click();
  await expect(registryRow(page, 'ghcr.io')).toBeVisible();
  await expect(alert).toHaveCount(0);
});
