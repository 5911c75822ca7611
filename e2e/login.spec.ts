// Logins from the window. The first specs run against the real stack (e2e/stack/with-stack.sh): the handlers in
// this process get a loginHome() sandbox wired to the finch stand-in (the docker CLI underneath), the registries
// (ECR hosts, Docker Hub and ghcr.io served by local ones, checking the password) and the AWS stub behind the real
// SDK. Logins are stored through a credential helper of the home's own (a file store speaking docker's protocol)
// rather than the stack's one keyring, which other specs running in parallel list too; the keyring path itself is
// covered by test/integration/login.test.ts. The last specs drive the next steps (SSO, profile choice) with the
// login channel scripted, and need no stack.
//
//   npx electron-vite build && bash e2e/stack/with-stack.sh npx playwright test e2e/login.spec.ts
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ssoLoginNeeded } from '../main/core/login/aws-errors';
import { keychainFailed, keychainService, systemKeychain } from '../main/core/login/keychain';
import { needsPassword } from '../main/core/login/login-service';
import { noProfileFor } from '../main/core/login/profile-resolver';
import type { LoginOutcome, LoginRequest } from '../shared/types';
import { accounts, awsConfig, awsCredentials, ecrHost, loginHome, stack } from '../test/support/login-home';
import { fakeCredentialStoreScript, type Sandbox } from '../test/support/sandbox-home';
import { test as base, expect, pageState, registries, registryRow, type AppHarness } from './harness';
import { needs } from './harness/needs';
import { fromNow, hour, macFinch } from './harness/homes';

const named = ecrHost(accounts.named, 'eu-west-1');
const devHost = ecrHost(accounts.dev, 'us-east-1');
const deniedHost = ecrHost(accounts.denied, 'eu-west-1');
const strayHost = ecrHost('999999999999', 'eu-west-1');
const wrongPassword = 'not-the-password-4f1e9a';

interface StackHomeOptions {
  /** Finch's config.json; the default keeps logins in the home's own store (credsStore osxkeychain, see below). */
  config?: object;
  /** Registries added in the app (listed before any login), with an optional bound profile. */
  added?: string[];
  bound?: Record<string, string>;
}

/** test/support's file-backed credential helper, with the `erase` that `finch logout` needs. */
function fileCredentialStore(dir: string): string {
  const script = fakeCredentialStoreScript(dir);
  const noErase = '  erase) echo "erase is not supported by this stand-in"; exit 1;;';
  if (!script.includes(noErase)) throw new Error('fakeCredentialStoreScript changed: update fileCredentialStore');
  return script.replace(
    noErase,
    ['  erase)', '    IFS= read -r u; f="$(key "$u")"', '    [ -f "$f" ] || { echo "credentials not found in native keychain"; exit 1; }', '    /bin/rm -f -- "$f";;'].join('\n'),
  );
}

/**
 * A loginHome() per spec, removed afterwards. Its logins go to docker-credential-osxkeychain in the home's bin
 * folder (first on its PATH, for the app and for the docker CLI under the finch stand-in): a macOS user's setup.
 */
const test = base.extend<{ stackHome: (opts?: StackHomeOptions) => Sandbox }>({
  stackHome: async ({}, use) => {
    const made: Sandbox[] = [];
    await use((opts = {}) => {
      const sb = loginHome({ config: opts.config ?? { credsStore: 'osxkeychain' } });
      mkdirSync(sb.file('keyring'), { recursive: true });
      sb.write('bin/docker-credential-osxkeychain', fileCredentialStore(sb.file('keyring')), 0o755);
      const registries: Record<string, object> = {};
      for (const host of opts.added ?? []) registries[host] = { added: true, ...(opts.bound?.[host] ? { profile: opts.bound[host] } : {}) };
      sb.write('state/state.json', { version: 1, registries });
      made.push(sb);
      return sb;
    });
    for (const sb of made) rmSync(sb.dir, { recursive: true, force: true });
  },
});

/** The line a row's result is shown on, right under the row. */
const detailOf = (row: Locator) => row.locator('xpath=following-sibling::tr[1][contains(concat(" ", @class, " "), " row-detail ")]');
const statusCell = (row: Locator) => row.getByRole('cell').nth(3);
const picker = (row: Locator, host: string) => row.getByRole('combobox', { name: `AWS profile for ${host}` });
// The status cell may hold more below the countdown (the auto-renew switch): only its start is checked.
const countdown12h = /^Logged in\s*expires in (11 h \d{1,2} m|12 h 0 m)/;
const loggedOut = /^Logged out/;
const loggedInNoExpiry = /^Logged in(?!\s*expires)/;

/** The calls this feature makes (the window also runs its health checks meanwhile: not counted here). */
const ownChannels = new Set(['getStatus', 'login', 'loginAll', 'logout', 'setProfile', 'addRegistry', 'addEcrFromProfile', 'ssoLogin']);
const loginCalls = (app: AppHarness) => app.calls.filter((c) => ownChannels.has(c.channel));

/** A promise the spec resolves when it has seen the call under way. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

test.describe('against the real stack', () => {
  needs('the test stack', stack.up, 'bash e2e/stack/with-stack.sh npx playwright test e2e/login.spec.ts');

  test('Login on an ECR row logs in with the profile named after the account and counts down 12 h; Log out undoes it', async ({ app, page, stackHome }) => {
    const sb = stackHome({ added: [named] });
    const held = gate();
    await app.open(sb.vars, {
      handlers: (real) => ({
        ...real,
        login: async (req) => {
          await held.wait;
          return real.login(req);
        },
      }),
    });

    const row = registryRow(page, named);
    await expect(row.getByRole('cell')).toHaveText(['Amazon ECR', /111122223333\s*eu-west-1/, /Credentials store\s*osxkeychain/, loggedOut, /^Profile.*Log in$/]);
    await expect(picker(row, named)).toHaveValue('');

    await row.getByRole('button', { name: 'Log in' }).click();
    // Under way: the button says so and cannot be pressed twice.
    await expect(row.getByRole('button', { name: 'Logging in…' })).toBeDisabled();
    await expect(picker(row, named)).toBeDisabled();
    held.open();

    await expect(statusCell(row)).toHaveText(countdown12h);
    await expect(row.getByRole('button', { name: 'Re-login' })).toBeEnabled();
    // The profile the login found is the one the picker now shows.
    await expect(picker(row, named)).toHaveValue(accounts.named);
    await expect(row.getByRole('cell').nth(2)).toHaveText(/Credentials store\s*osxkeychain\s*·\s*AWS/);
    const outcome = app.calls.find((c) => c.channel === 'login')!.result;
    expect(outcome).toMatchObject({ ok: true, value: { host: named, result: 'logged-in', profile: accounts.named } });

    // The token went to finch's stdin and the keyring, never to the window.
    expect(app.transcript()).not.toContain(stack.tokenPassword);
    expect(await page.content()).not.toContain(stack.tokenPassword);

    await row.getByRole('button', { name: 'Log out' }).click();
    await expect(statusCell(row)).toHaveText(loggedOut);
    await expect(row.getByRole('button', { name: 'Log out' })).toHaveCount(0);
    await expect.poll(() => loginCalls(app).map((c) => c.channel)).toEqual(['getStatus', 'login', 'getStatus', 'logout', 'getStatus']);
  });

  test('the password dialog: a wrong password is a 401 inline, the right one logs in, and the password is kept nowhere', async ({ app, page, stackHome }) => {
    const sb = stackHome({ added: ['ghcr.io'] });
    const held = gate();
    let logins = 0;
    await app.open(sb.vars, {
      handlers: (real) => ({
        ...real,
        login: async (req) => {
          // The second password attempt waits, so the spec can look at the page while it is under way.
          if (req.password !== undefined && ++logins === 2) await held.wait;
          return real.login(req);
        },
      }),
    });

    const row = registryRow(page, 'ghcr.io');
    await row.getByRole('button', { name: 'Log in' }).click();
    // No password remembered: the login asks for one.
    const dialog = page.getByRole('dialog', { name: 'Log in to ghcr.io' });
    await expect(dialog).toBeVisible();
    const username = dialog.getByLabel('GitHub username', { exact: true });
    const password = dialog.getByLabel('Personal access token', { exact: true });
    const remember = dialog.getByRole('checkbox', { name: /Remember in the keychain/ });
    await expect(remember).not.toBeChecked();
    await expect(dialog.getByRole('button', { name: 'Log in' })).toBeDisabled();

    await username.fill(stack.user);
    await password.fill(wrongPassword);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(dialog.getByRole('alert')).toContainText('ghcr.io refused the username and password (401 Unauthorized).');
    await expect(password).toHaveValue('');
    await expect(password).toBeFocused();
    await expect(username).toHaveValue(stack.user);
    await expect(statusCell(row)).toHaveText(loggedOut);

    await password.fill(stack.password);
    // The check below can see a typed password (here, in the field), so it would see one kept anywhere else.
    expect((await pageState(page)).fields).toContain(stack.password);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    // While the login is under way, the field is already empty and the page holds the password nowhere.
    await expect(dialog.getByRole('button', { name: 'Logging in…' })).toBeDisabled();
    await expect(password).toHaveValue('');
    await expectNowhere(page, [wrongPassword, stack.password]);
    held.open();

    await expect(dialog).toHaveCount(0);
    await expect(statusCell(row)).toHaveText(loggedInNoExpiry);
    await expect(row.getByRole('cell').nth(2)).toContainText(stack.user);

    // Each password crossed the bridge once, in the request that used it.
    const sent = app.calls.filter((c) => c.channel === 'login').map((c) => c.request as LoginRequest);
    expect(sent).toEqual([
      { host: 'ghcr.io' },
      { host: 'ghcr.io', username: stack.user, password: wrongPassword, remember: false },
      { host: 'ghcr.io', username: stack.user, password: stack.password, remember: false },
    ]);
    await expectNowhere(page, [wrongPassword, stack.password]);
    for (const secret of [wrongPassword, stack.password]) expect(app.transcript()).not.toContain(secret);
  });

  test('Remember in the keychain: Log in to all logs in again without asking, until Log out forgets the password', async ({ app, page, stackHome }) => {
    const sb = stackHome({ added: ['ghcr.io'] });
    try {
      await app.open(sb.vars);
      const row = registryRow(page, 'ghcr.io');
      await row.getByRole('button', { name: 'Log in' }).click();
      const dialog = page.getByRole('dialog', { name: 'Log in to ghcr.io' });
      await dialog.getByLabel('GitHub username', { exact: true }).fill(stack.user);
      await dialog.getByLabel('Personal access token', { exact: true }).fill(stack.password);
      await dialog.getByRole('checkbox', { name: /Remember in the keychain/ }).check();
      await dialog.getByRole('button', { name: 'Log in' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(statusCell(row)).toHaveText(loggedInNoExpiry);

      // Log out keeps the saved password: Log in to all uses it, and nothing is typed.
      await row.getByRole('button', { name: 'Log out' }).click();
      const confirm = page.getByRole('group', { name: 'Log out of ghcr.io' });
      await expect(confirm.getByRole('button', { name: 'Log out', exact: true })).toBeFocused();
      await confirm.getByRole('button', { name: 'Log out', exact: true }).click();
      await expect(statusCell(row)).toHaveText(loggedOut);
      await page.getByRole('button', { name: 'Log in to all' }).click();
      await expect(detailOf(row)).toHaveText('✓Logged in');
      await expect(statusCell(row)).toHaveText(loggedInNoExpiry);
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // Log out and forget: the next Log in to all has to skip it.
      await row.getByRole('button', { name: 'Log out' }).click();
      await confirm.getByRole('button', { name: 'Log out and forget the password' }).click();
      await expect(statusCell(row)).toHaveText(loggedOut);
      await page.getByRole('button', { name: 'Log in to all' }).click();
      await expect(detailOf(row)).toContainText('Skipped: ghcr.io needs a username and a password or access token.');
      expect(await (await systemKeychain()).getPassword(keychainService, 'ghcr.io')).toBeNull();

      expect(loginCalls(app).filter((c) => c.channel === 'logout').map((c) => c.request)).toEqual([{ host: 'ghcr.io' }, { host: 'ghcr.io', forget: true }]);
      // The remembered password never came back to the window.
      expect(app.transcript()).not.toContain(stack.password);
      await expectNowhere(page, [stack.password]);
    } finally {
      await (await systemKeychain()).deletePassword(keychainService, 'ghcr.io').catch(() => undefined);
    }
  });

  test('Log in to all: every row it logs in to gets its result (logged in, failed, skipped) until the next refresh', async ({ app, page, stackHome }) => {
    const sb = stackHome({
      config: { credsStore: 'osxkeychain', credHelpers: { 'public.ecr.aws': 'ecr-login' } },
      added: [named, devHost, deniedHost, strayHost, 'docker.io'],
      bound: { [deniedHost]: 'denied' },
    });
    const held = gate();
    await app.open(sb.vars, {
      handlers: (real) => ({
        ...real,
        loginAll: async (req) => {
          await held.wait;
          return real.loginAll(req);
        },
      }),
    });
    await expect(registries(page).getByRole('row')).toHaveCount(1 + 6);
    // A helper that fetches its own tokens has nothing to log in to.
    const publicRow = registryRow(page, 'public.ecr.aws');
    await expect(publicRow.getByRole('cell').nth(4)).toHaveText('on demand via ecr-login');
    await expect(publicRow.getByRole('button')).toHaveCount(0);

    await page.getByRole('button', { name: 'Log in to all' }).click();
    await expect(page.getByRole('button', { name: 'Logging in…' }).first()).toBeVisible();
    await expect(registryRow(page, named).getByRole('button', { name: 'Logging in…' })).toBeDisabled();
    held.open();

    const summary = page.getByRole('status').filter({ hasText: 'Log in to all' });
    await expect(summary).toHaveText(/Log in to all: 5 registries\s*2 logged in\s*1 failed\s*2 skipped/);

    await expect(detailOf(registryRow(page, named))).toHaveText(`✓Logged in with profile ${accounts.named}`);
    await expect(detailOf(registryRow(page, devHost))).toHaveText('✓Logged in with profile dev');
    await expect(statusCell(registryRow(page, named))).toHaveText(countdown12h);
    await expect(statusCell(registryRow(page, devHost))).toHaveText(countdown12h);
    await expect(detailOf(registryRow(page, deniedHost))).toContainText('AWS denied ecr:GetAuthorizationToken to profile "denied"');
    await expect(statusCell(registryRow(page, deniedHost))).toHaveText(loggedOut);
    await expect(detailOf(registryRow(page, strayHost))).toContainText('Skipped:');
    await expect(detailOf(registryRow(page, strayHost))).toContainText('Choose a profile in the row above');
    // The helper's registry is not logged in to, so nothing under it contradicts "on demand".
    await expect(detailOf(publicRow)).toHaveCount(0);
    const dockerDetail = detailOf(registryRow(page, 'docker.io'));
    await expect(dockerDetail).toContainText('Skipped: docker.io needs a username and a password or access token.');

    // The skipped row's next step: the password dialog, with Docker Hub's advice.
    await dockerDetail.getByRole('button', { name: 'Enter password…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to docker.io' });
    await expect(dialog).toContainText('Use a personal access token');
    await dialog.getByLabel('Docker ID', { exact: true }).fill(stack.user);
    await dialog.getByLabel('Access token', { exact: true }).fill(stack.password);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(statusCell(registryRow(page, 'docker.io'))).toHaveText(loggedInNoExpiry);
    await expect(dockerDetail).toHaveCount(0);
    // The other results stay until the user refreshes.
    await expect(summary).toBeVisible();
    await expectNowhere(page, [stack.password]);

    await page.getByRole('button', { name: 'Refresh status' }).click();
    await expect(summary).toHaveCount(0);
    await expect(registries(page).locator('tr.row-detail')).toHaveCount(0);
    await expect(statusCell(registryRow(page, named))).toHaveText(countdown12h);
  });

  test('a profile with mfa_serial: the row asks for the code, sends it once with the login, and logs in', async ({ app, page, stackHome }) => {
    const host = ecrHost(accounts.role, 'us-east-1');
    const sb = stackHome({ added: [host], bound: { [host]: 'mfa' } });
    await app.open(sb.vars);
    const row = registryRow(page, host);
    await expect(picker(row, host)).toHaveValue('mfa');
    await row.getByRole('button', { name: 'Log in' }).click();
    const detail = detailOf(row);
    await expect(detail.getByRole('alert')).toContainText('Profile "mfa" needs an MFA code.');
    const code = detail.getByLabel('MFA code');
    await expect(code).toBeFocused();
    await code.fill('12ab34');
    await expect(code).toHaveValue('1234');
    await expect(detail.getByRole('button', { name: 'Log in' })).toBeDisabled();
    await code.fill('123456');
    await code.press('Enter');
    await expect(detail).toHaveCount(0);
    await expect(statusCell(row)).toHaveText(countdown12h);
    expect(loginCalls(app).filter((c) => c.channel === 'login').map((c) => c.request)).toEqual([{ host }, { host, mfaCode: '123456' }]);

    // That login is valid for 12 hours: Log in to all leaves it as it is, and says so.
    const summary = page.getByRole('status').filter({ hasText: /Log in to all|Re-login all/ });
    const all = page.getByRole('button', { name: 'Log in to all' });
    await all.focus();
    await page.keyboard.press('Enter');
    await expect(summary).toHaveText(/Log in to all: nothing was due\s*1 still valid, left as it is/);
    await expect(detail).toHaveCount(0);
    await expect(statusCell(row)).toHaveText(countdown12h);
    await expect(all).toBeFocused();
    // Re-login all redoes it: it needs a code again, said under the row, and the code field does not take the focus.
    const again = page.getByRole('button', { name: 'Re-login all' });
    await again.focus();
    await page.keyboard.press('Enter');
    await expect(summary).toHaveText(/Re-login all: 1 registry\s*1 skipped/);
    await expect(detail).toContainText('Skipped: Profile "mfa" needs an MFA code.');
    await expect(statusCell(row)).toHaveText(countdown12h);
    await expect(again).toBeFocused();
    expect(loginCalls(app).filter((c) => c.channel === 'loginAll').map((c) => c.request)).toEqual([{}, { relogin: true }]);
  });

  test('Finch older than 1.15 with its VM stopped: the row offers to start the VM, then logs in', async ({ app, page, stackHome }) => {
    // Before 1.15 there is no credential server: the VM has no keychain, so logins are kept in config.json.
    const sb = stackHome({ added: [named], config: { auths: {} } });
    sb.write('vm-state', 'Stopped');
    Object.assign(sb.vars, { FL_FINCH_VERSION: 'v1.14.2', FL_FINCH_VM_STATE: sb.file('vm-state'), FL_FINCH_VM_DELAY_MS: '50' });
    await app.open(sb.vars);
    const row = registryRow(page, named);
    await row.getByRole('button', { name: 'Log in' }).click();
    const detail = detailOf(row);
    await expect(detail.getByRole('alert')).toContainText('Finch 1.14.2 logs in inside its VM, and the VM is not running.');
    await detail.getByRole('button', { name: 'Start the VM and log in' }).click();
    await expect(detail).toHaveCount(0);
    await expect(statusCell(row)).toHaveText(countdown12h);
    expect(readFileSync(sb.file('vm-state'), 'utf8').trim()).toBe('Running');
  });

  test('Add registry: a pasted ECR host is recognised with its account and region; ECR from a profile adds one per region', async ({ app, page, stackHome }) => {
    const sb = stackHome({ added: [] });
    await app.open(sb.vars);
    await expect(page.getByRole('heading', { name: 'No registries yet' })).toBeVisible();

    await page.getByRole('button', { name: 'Add registry…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add registry' });
    const field = dialog.getByLabel('Registry host');
    const add = dialog.getByRole('button', { name: 'Add registry' });
    const facts = dialog.getByRole('definition');

    await field.fill('not a host!');
    await expect(dialog.getByText('"not a host!" is not a registry host name')).toBeVisible();
    await expect(add).toBeDisabled();

    await dialog.getByRole('button', { name: 'Docker Hub' }).click();
    await expect(field).toHaveValue('docker.io');
    await expect(facts).toHaveText(['Docker Hub', 'docker.io']);

    const pasted = `https://${accounts.dev}.dkr.ecr.us-west-2.amazonaws.com/v2/`;
    const host = ecrHost(accounts.dev, 'us-west-2');
    await field.fill(pasted);
    await expect(facts).toHaveText(['Amazon ECR', accounts.dev, 'us-west-2', host]);
    await expect(dialog).toContainText('Logs in with an AWS profile');
    await add.click();
    await expect(dialog).toHaveCount(0);
    const row = registryRow(page, host);
    await expect(row.getByRole('cell')).toHaveText(['Amazon ECR', new RegExp(`${accounts.dev}\\s*us-west-2`), /Credentials store/, loggedOut, /^Profile.*Log in$/]);
    expect(app.calls.find((c) => c.channel === 'addRegistry')?.request).toEqual({ host });

    // ECR from a profile: the account is the profile's (asked from the AWS stub), one registry per region.
    await page.getByRole('button', { name: 'Add registry…' }).click();
    await dialog.getByRole('tab', { name: 'ECR from a profile' }).click();
    await dialog.getByLabel('AWS profile').selectOption('dev');
    await expect(dialog.getByRole('checkbox', { name: 'us-east-1' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'eu-west-1' }).check();
    const other = dialog.getByLabel('Other regions');
    await other.fill('eu-south-1, nowhere');
    await expect(dialog.getByText('Not a region name: nowhere.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: /^Add \d+ registries$/ })).toBeDisabled();
    await other.fill('eu-south-1');
    await dialog.getByRole('button', { name: 'Add 3 registries' }).click();
    await expect(dialog).toHaveCount(0);
    for (const region of ['us-east-1', 'eu-west-1', 'eu-south-1']) {
      await expect(registryRow(page, ecrHost(accounts.dev, region)).getByRole('cell').first()).toHaveText('Amazon ECR');
    }
    await expect(registries(page).getByRole('row')).toHaveCount(1 + 4);
    expect(app.calls.find((c) => c.channel === 'addEcrFromProfile')?.request).toEqual({ profile: 'dev', regions: ['us-east-1', 'eu-west-1', 'eu-south-1'] });
  });
});

/** A secret appears in none of: the HTML, the form fields, React's state and props, the store, the globals. */
async function expectNowhere(page: Page, secrets: string[]): Promise<void> {
  const html = await page.content();
  const state = await pageState(page);
  // The dump must have found the real store, or the check would pass on nothing.
  expect(state.stores.some((s) => s.includes('"registries"') && s.includes('"outcomes"'))).toBe(true);
  for (const secret of secrets) {
    expect(html).not.toContain(secret);
    expect(state.fields).not.toContain(secret);
    expect(state.react).not.toContain(secret);
    for (const store of state.stores) expect(store).not.toContain(secret);
    expect(state.globals).not.toContain(secret);
  }
}

// ---- Next steps under a row with the login channel scripted (no stack needed) ---------------------------------

const loggedIn = (host: string, profile: string): LoginOutcome => ({ host, result: 'logged-in', profile, expiresAt: fromNow(12 * hour) });

/** A home with the stack's AWS profiles (one named after an account) and one registry added in the app. */
function scriptedHome(host: string) {
  return {
    ...macFinch,
    files: { '.finch/config.json': {}, '.aws/config': awsConfig, '.aws/credentials': awsCredentials },
    appState: { version: 1, registries: { [host]: { added: true } } },
  };
}

test('an expired SSO session: "Sign in again" signs in, then logs in again', async ({ app, page, sandboxHome }) => {
  const host = ecrHost(accounts.sso, 'eu-west-1');
  const held = gate();
  let attempts = 0;
  await app.open(sandboxHome(scriptedHome(host)), {
    handlers: (real) => ({
      ...real,
      login: async (req) =>
        ++attempts === 1
          ? {
              host: req.host,
              result: 'failed',
              error: ssoLoginNeeded('corp').toJSON(),
            }
          : loggedIn(req.host, 'corp'),
      ssoLogin: async () => held.wait,
    }),
  });
  const row = registryRow(page, host);
  await row.getByRole('button', { name: 'Log in' }).click();
  const detail = detailOf(row);
  await expect(detail.getByRole('alert')).toContainText('The AWS SSO session of profile "corp" is missing or has expired.');
  await expect(detail).toContainText('Run: aws sso login --profile corp');

  await detail.getByRole('button', { name: 'Sign in again' }).click();
  await expect(detail.getByRole('button', { name: 'Waiting for the browser sign-in…' })).toBeDisabled();
  await expect(row.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
  held.open();
  await expect(detail).toHaveCount(0);
  await expect.poll(() => loginCalls(app).map((c) => [c.channel, c.request])).toEqual([
    ['getStatus', undefined],
    ['login', { host }],
    ['ssoLogin', { profile: 'corp' }],
    ['login', { host }],
    ['getStatus', undefined],
  ]);
});

test('no profile found: the picker takes the focus, warns about a profile named after another account, and binds the choice', async ({ app, page, sandboxHome }) => {
  const host = ecrHost(accounts.dev, 'eu-west-1');
  const home = sandboxHome(scriptedHome(host));
  const requests: LoginRequest[] = [];
  await app.open(home, {
    handlers: (real) => ({
      ...real,
      login: async (req) => {
        requests.push(req);
        return requests.length === 1
          ? {
              host: req.host,
              result: 'failed',
              error: noProfileFor(host, accounts.dev).toJSON(),
            }
          : loggedIn(req.host, accounts.named);
      },
    }),
  });
  const row = registryRow(page, host);
  await row.getByRole('button', { name: 'Log in' }).click();
  await expect(detailOf(row)).toContainText(`No AWS profile is known to belong to account ${accounts.dev}.`);
  const select = picker(row, host);
  await expect(select).toBeFocused();
  // Every profile, with its region.
  await expect(select.getByRole('option')).toHaveText([
    'Automatic',
    'default · eu-west-1',
    `${accounts.named} · eu-west-1`,
    'dev · us-east-1',
    'role · eu-west-1',
    'denied · eu-west-1',
    'mfa · us-east-1',
    'corp · eu-west-1',
  ]);

  await select.selectOption(accounts.named);
  await expect(row).toContainText(`Named after account ${accounts.named}, but this registry is in ${accounts.dev}.`);
  await expect(select).toHaveValue(accounts.named);
  // The choice answers the row's question, and is kept for the next logins.
  await expect(detailOf(row)).toHaveCount(0);
  expect(JSON.parse(readFileSync(path.join(home.vars.FINCH_LOGINS_STATE_DIR!, 'state.json'), 'utf8')).registries[host].profile).toBe(accounts.named);

  await select.selectOption('dev');
  await expect(row).not.toContainText('Named after account');
  await select.selectOption('');
  await expect(select).toHaveValue('');
  // The select shows the choice at once; the call that records it follows.
  await expect.poll(() => app.calls.filter((c) => c.channel === 'setProfile').map((c) => c.request)).toEqual([
    { host, profile: accounts.named },
    { host, profile: 'dev' },
    { host, profile: null },
  ]);
});

test('a password that could not be remembered: logged in all the same, and the row says why', async ({ app, page, sandboxHome }) => {
  const host = 'ghcr.io';
  await app.open(sandboxHome(scriptedHome(host)), {
    handlers: (real) => ({
      ...real,
      login: async (req) =>
        req.password === undefined
          ? { host: req.host, result: 'failed', error: needsPassword(req.host, 'not-remembered').toJSON() }
          : {
              host: req.host,
              result: 'logged-in',
              expiresAt: null,
              warning: keychainFailed('store the password', 'locked').toJSON(),
            },
    }),
  });
  const row = registryRow(page, host);
  await row.getByRole('button', { name: 'Log in' }).click();
  const dialog = page.getByRole('dialog', { name: `Log in to ${host}` });
  await dialog.getByLabel('GitHub username', { exact: true }).fill('dana');
  await dialog.getByLabel('Personal access token', { exact: true }).fill('ghp_example_token');
  await dialog.getByRole('checkbox', { name: /Remember in the keychain/ }).check();
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toHaveCount(0);
  const detail = detailOf(row);
  await expect(detail).toContainText('Logged in');
  await expect(detail.getByRole('status')).toContainText('The system keychain could not store the password: locked');
});
