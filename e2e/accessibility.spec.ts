// The accessibility gate: axe-core over every view and every dialog of the window, in light and dark, on a realistic
// home. Any serious or critical violation fails the spec, with axe's own description of each node.
import AxeBuilder from '@axe-core/playwright';
import { chmodSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { classifyAwsError } from '../main/core/login/aws-errors';
import { needsPassword } from '../main/core/login/login-service';
import type { LoginOutcome } from '../shared/types';
import { basicAuth, expect, fakeCredentialHelper, registryRow, test, type SandboxHome } from './harness';
import { macFinch, screenshotHome } from './harness/homes';

/** What the SDK throws when IAM denies the token (the core words it). */
const awsDenied = Object.assign(new Error('User: arn:aws:iam::987654321098:user/dana is not authorized to perform: ecr:GetAuthorizationToken on resource: *'), { name: 'AccessDeniedException' });

const schemes = ['light', 'dark'] as const;
// axe over a dozen screens twice each, on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

/** axe's serious and critical findings, one line per node: the rule, what is wrong, and where. */
async function violations(page: Page, scope?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  if (scope) builder = builder.include(scope);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

/** Every scheme in turn: the same screen is checked in light and in dark. */
async function expectNoSeriousFinding(page: Page, what: string, scope?: string): Promise<void> {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    expect.soft(await violations(page, scope), `${what} (${scheme})`).toEqual([]);
  }
}

/** The screenshot home, plus a keychain helper and a config that make Health show failures with fixes. */
function home(sandboxHome: (o: ReturnType<typeof screenshotHome>) => SandboxHome): SandboxHome {
  const h = sandboxHome(screenshotHome());
  h.write('/usr/local/bin/docker-credential-ecr-login', fakeCredentialHelper({}));
  chmodSync(h.path('/usr/local/bin/docker-credential-ecr-login'), 0o755);
  return h;
}

const nav = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

test('every view, light and dark: no serious or critical axe finding', async ({ app, page, sandboxHome }) => {
  await app.open(home(sandboxHome), {
    handlers: (real) => ({
      ...real,
      // A row result of each kind under the table: logged in, failed, skipped with its next step.
      loginAll: async (): Promise<LoginOutcome[]> => [
        { host: '210987654321.dkr.ecr.eu-central-1.amazonaws.com', result: 'logged-in', profile: 'staging', expiresAt: null },
        { host: '987654321098.dkr.ecr.us-west-2.amazonaws.com', result: 'failed', error: classifyAwsError(awsDenied, 'prod', 'log in').toJSON() },
        { host: 'ghcr.io', result: 'skipped', error: needsPassword('ghcr.io', 'not-remembered').toJSON() },
      ],
    }),
  });
  await expect(registryRow(page, 'ghcr.io')).toBeVisible();
  await expectNoSeriousFinding(page, 'Registries');

  await page.getByRole('button', { name: 'Re-login all' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Re-login all' })).toBeVisible();
  await expectNoSeriousFinding(page, 'Registries with row results');

  await nav(page, /AWS profiles/).click();
  await expect(page.getByRole('table', { name: 'AWS profiles' })).toBeVisible();
  await expectNoSeriousFinding(page, 'AWS profiles');

  await nav(page, /Identity Center/).click();
  await expect(page.getByRole('heading', { name: 'IAM Identity Center', level: 2 })).toBeVisible();
  await expectNoSeriousFinding(page, 'IAM Identity Center');

  await nav(page, /Health/).click();
  await expect(page.getByRole('list', { name: 'Checks' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /checked at/ })).toBeVisible();
  await expectNoSeriousFinding(page, 'Health');

  await nav(page, /Settings/).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  await expectNoSeriousFinding(page, 'Settings');
});

test('what blocks the app, light and dark: no serious or critical axe finding', async ({ app, page, sandboxHome }) => {
  // No Finch and a config.json that is not JSON: both notices, first in the view.
  await app.open(sandboxHome({ platform: 'darwin', files: { '.finch/config.json': '{"auths": {' } }));
  await expect(page.getByRole('region', { name: 'Finch is not installed' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Finch’s config.json is broken' })).toBeVisible();
  await expectNoSeriousFinding(page, 'Finch missing, config.json broken');
});

test('a password the store hides, light and dark: no serious or critical axe finding', async ({ app, page, sandboxHome }) => {
  // A plain-text password beside credsStore "osxkeychain", which holds no login for it: the row's note and its fix.
  const shadowed = sandboxHome({
    ...macFinch,
    files: { '.finch/config.json': { auths: { 'ghcr.io': { auth: basicAuth('dana', 'pw') } }, credsStore: 'osxkeychain' } },
  });
  shadowed.write('/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({}));
  chmodSync(shadowed.path('/usr/local/bin/docker-credential-osxkeychain'), 0o755);
  await app.open(shadowed);
  await expect(registryRow(page, 'ghcr.io').getByRole('button', { name: 'Move plain-text passwords into the keychain…' })).toBeVisible();
  await expectNoSeriousFinding(page, 'A shadowed plain-text password');
});

test('every dialog, light and dark: no serious or critical axe finding', async ({ app, page, sandboxHome }) => {
  await app.open(home(sandboxHome), {
    handlers: (real) => ({
      ...real,
      login: async (req): Promise<LoginOutcome> => ({ host: req.host, result: 'failed', error: needsPassword(req.host, 'not-remembered').toJSON() }),
    }),
  });
  // Add registry, both tabs.
  await page.getByRole('button', { name: 'Add registry…' }).click();
  const add = page.getByRole('dialog', { name: 'Add registry' });
  await add.getByRole('textbox').first().fill('123456789012.dkr.ecr.eu-north-1.amazonaws.com');
  await expectNoSeriousFinding(page, 'Add registry: by host');
  await add.getByRole('tab', { name: 'ECR from a profile' }).click();
  await expectNoSeriousFinding(page, 'Add registry: ECR from a profile');
  await page.keyboard.press('Escape');

  // The password dialog.
  await registryRow(page, 'ghcr.io').getByRole('button', { name: 'Re-login' }).click();
  await expect(page.getByRole('dialog', { name: 'Log in to ghcr.io' })).toBeVisible();
  await expectNoSeriousFinding(page, 'Password dialog');
  await page.keyboard.press('Escape');

  // The logout confirmation under a password row.
  await registryRow(page, 'ghcr.io').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('group', { name: 'Log out of ghcr.io' })).toBeVisible();
  await expectNoSeriousFinding(page, 'Logout confirmation');
  await page.keyboard.press('Escape');

  // The Fix preview, with its diff, and the VM restart confirmation.
  await nav(page, /Health/).click();
  const fix = page.getByRole('button', { name: 'Fix…' }).first();
  await fix.click();
  const preview = page.getByRole('dialog');
  await expect(preview.getByRole('button', { name: /Apply/ })).toBeVisible();
  await expectNoSeriousFinding(page, 'Fix preview');
  await page.keyboard.press('Escape');
  await page.getByRole('region', { name: 'Virtual machine' }).getByRole('button', { name: 'Restart VM…' }).click();
  await expect(page.getByRole('dialog', { name: /Restart the Finch VM\?/ })).toBeVisible();
  await expectNoSeriousFinding(page, 'VM restart confirmation');
  await page.keyboard.press('Escape');
});

test('the gate does fail: grey-on-white text planted in the window is reported', async ({ app, page, sandboxHome }) => {
  await app.open(home(sandboxHome));
  await expect(registryRow(page, 'ghcr.io')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => {
    // Set through the CSSOM, which the CSP allows (it refuses style attributes in markup).
    const p = document.createElement('p');
    p.textContent = 'checked at 10:42';
    p.style.color = '#c8c8cc';
    document.querySelector('.content-scroll')!.prepend(p);
  });
  const found = await violations(page);
  expect(found.some((v) => v.startsWith('color-contrast (serious)'))).toBe(true);
});
