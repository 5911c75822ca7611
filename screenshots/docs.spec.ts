// The screenshots README.md and docs/*.md show, written to docs/screenshots/ by `npm run screenshots` (never by
// `npm test`). The window runs on sandbox homes with main's real handler table; every path main hands the window is
// shown as it would be on a Mac (the sandbox's system root is /, its home /Users/dana), so no temp folder appears.
// Login results come from stand-in handlers (a real login needs the test stack; the pictures show the window).
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Handlers } from '../main/core/handlers';
import type { LoginOutcome, SsoAccountInfo, SsoSessionInfo } from '../shared/types';
import { expect, fakeCredentialHelper, registries, registryRow, test, type SandboxHome, type SandboxHomeOptions } from '../e2e/harness';
import { macFinch, screenshotHome } from '../e2e/harness/homes';

const out = path.resolve(__dirname, '..', 'docs', 'screenshots');
const shot = { animations: 'disabled', caret: 'hide' } as const;
const macHome = '/Users/dana';

/** Every string in `value` with the sandbox's folders replaced by a Mac's. */
function onAMac<T>(value: T, home: SandboxHome): T {
  const root = home.vars.FINCH_LOGINS_ROOT!;
  const map = (s: string) => s.split(home.vars.HOME!).join(macHome).split(root).join('');
  const walk = (v: unknown): unknown =>
    typeof v === 'string' ? map(v) : Array.isArray(v) ? v.map(walk) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  return walk(value) as T;
}

/** The real handler table, its answers shown with a Mac's paths (requests pass through unchanged). */
function macPaths(real: Handlers, home: SandboxHome): Handlers {
  return Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [name, async (req: unknown) => onAMac(await (fn as (r: unknown) => Promise<unknown>)(req), home)]),
  ) as unknown as Handlers;
}

async function save(page: Page, name: string, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(out, name), ...shot });
}

const nav = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

test('README: the main window, light and dark', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome(screenshotHome());
  await app.open(home, { handlers: (real) => macPaths(real, home) });
  await expect(registries(page).getByRole('row')).toHaveCount(1 + 8);
  await expect(page.getByRole('banner')).toContainText('/usr/local/bin/finch');
  await expect(page.getByRole('banner')).not.toContainText('/tmp/');
  await save(page, 'main-window.png');
  await save(page, 'main-window-dark.png', 'dark');
});

/** A user who set `credsStore: "ecr-login"` as Finch's guide once said: one failing check with a Fix. */
function ecrStoreHome(sandboxHome: (o: SandboxHomeOptions) => SandboxHome): SandboxHome {
  const home = sandboxHome({
    ...macFinch,
    files: {
      '.finch/config.json': JSON.stringify(
        { auths: { '123456789012.dkr.ecr.us-east-1.amazonaws.com': {}, '210987654321.dkr.ecr.eu-central-1.amazonaws.com': {}, 'https://index.docker.io/v1/': {}, 'ghcr.io': {} }, credsStore: 'ecr-login' },
        null,
        '\t',
      ),
      '.finch/finch.yaml': '# Finch settings\ncpus: 4 # of 8\nmemory: 8GiB\n',
    },
    programs: { 'docker-credential-ecr-login': fakeCredentialHelper({}) },
  });
  home.write('/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({ 'https://index.docker.io/v1/': 'dana', 'ghcr.io': 'dana-acme' }));
  chmodSync(home.path('/usr/local/bin/docker-credential-osxkeychain'), 0o755);
  return home;
}

test('docs/health.md: Health, light and dark, and the Fix preview', async ({ app, page, sandboxHome }) => {
  const home = ecrStoreHome(sandboxHome);
  await app.open(home, { handlers: (real) => macPaths(real, home) });
  await nav(page, /^Health/).click();
  const failing = page.getByRole('list', { name: 'Checks' }).getByRole('listitem', { name: 'ecr-login is set up per registry', exact: true });
  await expect(failing).toContainText('Failed');
  await expect(page.getByRole('region', { name: 'Virtual machine' })).toBeVisible();
  await save(page, 'health.png');
  await save(page, 'health-dark.png', 'dark');

  // Tall enough for the whole preview: the reasons, both diffs and the VM note.
  await page.setViewportSize({ width: 1100, height: 1060 });
  await failing.getByRole('button', { name: 'Fix…' }).click();
  await expect(page.getByRole('dialog').getByRole('figure', { name: 'Changes to config.json' })).toBeVisible();
  await save(page, 'fix-preview.png');
});

test('docs/logins.md: Log in to all, the password dialog, Add registry', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome(screenshotHome());
  const renewed = '987654321098.dkr.ecr.us-west-2.amazonaws.com';
  await app.open(home, {
    handlers: (real) => ({
      ...macPaths(real, home),
      loginAll: async (): Promise<LoginOutcome[]> => {
        // What the real login would leave behind: the renewed token's expiry in the app's state.
        const expiresAt = new Date(Date.now() + 12 * 3_600_000).toISOString();
        const stateFile = path.join(home.vars.FINCH_LOGINS_STATE_DIR!, 'state.json');
        const state = JSON.parse(readFileSync(stateFile, 'utf8'));
        state.registries[renewed].expiresAt = expiresAt;
        writeFileSync(stateFile, JSON.stringify(state));
        return [
        { host: renewed, result: 'logged-in', profile: 'prod', expiresAt },
        { host: 'registry.acme.internal:5000', result: 'skipped', error: { kind: 'needs-password', message: 'registry.acme.internal:5000 needs a username and a password or access token.' } },
        ];
      },
      login: async (req): Promise<LoginOutcome> => ({ host: req.host, result: 'failed', error: { kind: 'needs-password', message: `${req.host} needs a password.` } }),
    }),
  });
  await page.getByRole('button', { name: 'Log in to all' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Log in to all' })).toBeVisible();
  await expect(registries(page).locator('tr.row-detail').first()).toContainText('Logged in with profile prod');
  await expect(registryRow(page, renewed)).toContainText(/expires in (11|12) h/);
  await save(page, 'login-all.png');

  await registryRow(page, 'docker.io').getByRole('button', { name: 'Re-login' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in to docker.io' });
  await dialog.getByLabel('Access token', { exact: true }).fill('dckr_pat_example');
  await save(page, 'login-dialog.png');
  await save(page, 'login-dialog-dark.png', 'dark');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Add registry…' }).click();
  const add = page.getByRole('dialog', { name: 'Add registry' });
  await add.getByRole('textbox').first().fill('123456789012.dkr.ecr.eu-north-1.amazonaws.com');
  await expect(add).toContainText('eu-north-1');
  await save(page, 'login-add-registry.png');
});

/**
 * The account picker as a signed-in user sees it. Signing in and listing accounts need IAM Identity Center (the test
 * stack's stub, e2e/sso.spec.ts drives that for real); here stand-in handlers answer those two calls, as they answer
 * the logins above, and everything else is main's real table.
 */
test('docs/logins.md: the IAM Identity Center account picker', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome(screenshotHome());
  const teams = ['payments', 'web', 'data', 'platform'];
  const accounts: SsoAccountInfo[] = teams.flatMap((team, t) =>
    ['dev', 'staging', 'prod'].flatMap((stage, s) =>
      [1, 2].map((n) => {
        const accountId = String(100000000000 + t * 30 + s * 10 + n).padStart(12, '0');
        const roles = team === 'payments' && stage === 'dev' ? ['ECRReadOnly', 'PowerUserAccess'] : ['ECRReadOnly'];
        return { accountId, accountName: `${team}-${stage}-00${n}`, emailAddress: `aws+${team}-${stage}-${n}@acme.example`, roles, role: null };
      }),
    ),
  );
  await app.open(home, {
    handlers: (real) => ({
      ...macPaths(real, home),
      ssoSessions: async (): Promise<SsoSessionInfo[]> =>
        (await real.ssoSessions()).map((s) => ({ ...s, state: 'signed-in', expiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString(), canRefresh: true })),
      ssoAccounts: async ({ session }) => ({ session, fetchedAt: new Date().toISOString(), accounts }),
      ssoSetRole: async () => undefined,
    }),
  });
  await nav(page, /Identity Center/).click();
  await expect(page.getByText(`${accounts.length} accounts`)).toBeVisible();
  await page.getByLabel('Search accounts by name or id').fill('payments');
  await expect(page.getByText(`6 of ${accounts.length} accounts`)).toBeVisible();
  for (const name of ['payments-dev-001', 'payments-dev-002', 'payments-staging-001', 'payments-prod-001']) {
    await page.getByLabel(new RegExp(`^Add ${name} `)).check();
  }
  for (const name of ['payments-dev-001', 'payments-dev-002']) await page.getByLabel(`Role in ${name}`).selectOption('ECRReadOnly');
  await page.getByRole('group', { name: 'Regions' }).getByLabel('eu-west-1', { exact: true }).check();
  await expect(page.getByRole('button', { name: /^Add \d+ registries$/ })).toBeEnabled();
  // Tall enough for the list, the regions and the Add button.
  await page.setViewportSize({ width: 1100, height: 1000 });
  await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
  await expect(page.getByRole('banner')).not.toContainText('/tmp/');
  await save(page, 'sso-account-picker.png');
});
