// IAM Identity Center from the window, against the real stack: the real handler table signs in through the AWS
// stub's OIDC (the "browser" is this spec approving the code the window shows), lists the stub's 300 accounts,
// adds ECR registries for picked accounts and roles, and logs in to them with role credentials through the finch
// stand-in. Also: keyboard use, axe-core, the 800×600 window, and that no token or role secret reaches the page.
//
//   npx electron-vite build && bash e2e/stack/with-stack.sh npx playwright test e2e/sso.spec.ts
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { tokenFile } from '../main/core/sso/token-cache';
import { resolvePaths } from '../main/core/paths';
import { currentEnv } from '../main/core/env';
import { ecrHost, loginHome, stack } from '../test/support/login-home';
import { decide, ssoAccount, stubRequests } from '../test/support/sso';
import { expect, pageState, registryRow, test } from './harness';
import { needs } from './harness/needs';


needs('the test stack', stack.up, 'bash e2e/stack/with-stack.sh npx playwright test e2e/sso.spec.ts');
test.describe.configure({ timeout: 180_000 }); // a real sign-in (≈ 8 s of polling), 300 accounts, 10 logins, axe twice

test('sign in, find accounts, pick roles and regions, add and log in — by keyboard, at 800×600, with no secret in the page', async ({ app, page }) => {
  // Logins are stored in plaintext in the home's own config.json (no credsStore): nothing shared with other specs.
  const home = loginHome({ config: {} });
  const opened: string[] = [];
  await page.setViewportSize({ width: 800, height: 600 });
  await app.open(home.vars, { deps: { openExternal: (url) => void opened.push(url) } });

  await page.getByRole('button', { name: 'Identity Center' }).click();
  await expect(page.getByRole('heading', { name: 'IAM Identity Center' })).toBeVisible();
  await expect(page.getByLabel('Session')).toHaveValue('session:corp');
  await expect(page.getByRole('status').filter({ hasText: 'Not signed in.' })).toBeVisible();

  // Sign in: the browser is opened on the verification page, and the window shows the code to check there.
  const pollsBefore = (await stubRequests()).filter((r) => r.action === 'sso-oidc:CreateToken').length;
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const pending = page.getByRole('status').filter({ hasText: 'Approve the sign-in in your browser' });
  const code = (await pending.locator('.sso-user-code').textContent())!;
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  expect(opened).toEqual([`${stack.aws}/device?user_code=${code}`]);
  await expect(pending).toContainText(`go to ${stack.aws}/device and enter the code`);
  // The user approves once the app is already waiting (so the poll sees pending, then slow_down, then the token).
  await expect.poll(async () => (await stubRequests()).filter((r) => r.action === 'sso-oidc:CreateToken').length, { timeout: 10_000 }).toBeGreaterThan(pollsBefore);
  await decide(code, 'approve');
  await expect(page.getByText('300 accounts')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Signed in; renewed automatically while the session lasts.' })).toBeVisible();

  // Search by name, then by id; tick and pick a role with the keyboard only.
  const search = page.getByLabel('Search accounts by name or id');
  await search.focus();
  await page.keyboard.type(ssoAccount(9));
  await expect(page.getByText('1 of 300 accounts')).toBeVisible();
  await page.keyboard.press('Tab'); // Refresh list
  await page.keyboard.press('Tab'); // tick every account shown
  await page.keyboard.press('Tab'); // this account's box
  await expect(page.getByLabel(`Add web-dev-010 (${ssoAccount(9)})`)).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  const role9 = page.getByLabel('Role in web-dev-010');
  await expect(role9).toBeFocused();
  await role9.selectOption('AdministratorAccess');
  await search.fill('payments-dev-0');
  await expect(page.getByText('4 of 300 accounts')).toBeVisible();
  await page.getByLabel('Tick every account shown').check();
  // These accounts give two roles each: the window asks which, and adds nothing until told.
  await expect(page.getByRole('status').filter({ hasText: 'Pick a role for payments-dev-001, payments-dev-031, payments-dev-061, payments-dev-091.' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Add / })).toBeDisabled();
  for (const n of ['001', '031', '061', '091']) await page.getByLabel(`Role in payments-dev-${n}`).selectOption('ECRReadOnly');
  // An account with no role cannot be ticked.
  await search.fill(ssoAccount(4));
  await expect(page.getByRole('row').filter({ hasText: 'No role for you in this account' })).toBeVisible();
  await expect(page.getByLabel(/^Add .* \(100000000004\)$/)).toBeDisabled();
  await search.fill('');
  await page.getByRole('group', { name: 'Regions' }).getByLabel('eu-west-1', { exact: true }).check();

  const add = page.getByRole('button', { name: 'Add 10 registries' });
  await expect(add).toBeVisible();
  // No serious axe-core finding, light or dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // At 800×600 the Add button is reachable without scrolling the page sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);

  await add.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Added 10 registries.' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Show them in Registries' }).click();
  const adminHost = ecrHost(ssoAccount(9), 'eu-west-1');
  await expect(registryRow(page, adminHost)).toBeVisible();
  await expect(registryRow(page, adminHost).getByLabel(`AWS profile for ${adminHost}`)).toHaveValue(/identity-center/);

  await page.getByRole('button', { name: 'Log in to all' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Log in to all' })).toContainText('10 logged in', { timeout: 20_000 });
  expect((await stubRequests()).filter((r) => r.action === 'sso:GetRoleCredentials' && r.status === 200)).toHaveLength(5);

  // No token, refresh token, client secret, role secret access key or session token anywhere in the page: the
  // stub lists the secret halves of every role credential it issued (GET /__issued).
  const cached = JSON.parse(readFileSync(tokenFile(resolvePaths(currentEnv(home.vars)), { name: 'corp', startUrl: '' }), 'utf8')) as Record<string, string>;
  const issued = ((await (await fetch(`${stack.aws}/__issued`)).json()) as { secrets: string[] }).secrets;
  expect(issued.length).toBeGreaterThanOrEqual(10); // 5 role credentials: a secret access key and a session token each
  const state = JSON.stringify(await pageState(page)) + (await page.content());
  for (const secret of [cached.accessToken!, cached.refreshToken!, cached.clientSecret!, stack.tokenPassword, ...issued]) {
    expect(state.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the page`).toBe(false);
  }
  expect(app.calls.map((c) => JSON.stringify(c)).join('\n')).not.toContain(cached.accessToken!);
});

test('a session that has ended says so on the row and offers to sign in again', async ({ app, page }) => {
  const home = loginHome({ config: {} });
  const host = ecrHost(ssoAccount(1), 'eu-west-1');
  home.write('state/state.json', { version: 1, registries: { [host]: { added: true, sso: { session: 'session:corp', accountId: ssoAccount(1), roleName: 'ECRReadOnly' } } } });
  home.write('home/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json', { startUrl: 'https://corp.awsapps.com/start/#/', region: 'eu-west-1', accessToken: 'revoked', expiresAt: '2020-01-01T00:00:00Z' });
  const opened: string[] = [];
  await app.open(home.vars, { deps: { openExternal: (url) => void opened.push(url) } });
  const row = registryRow(page, host);
  await row.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Your IAM Identity Center session corp has ended (it expired or was signed out).')).toBeVisible();
  await page.getByRole('button', { name: 'Sign in to IAM Identity Center' }).click();
  await expect(page.getByRole('heading', { name: 'IAM Identity Center' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Approve the sign-in in your browser' })).toBeVisible();
  expect(opened).toHaveLength(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The sign-in was cancelled.')).toBeVisible();
});
