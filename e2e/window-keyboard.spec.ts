// The window by keyboard alone (Tab, Enter, Escape, arrows), at the usual size, at 800 × 600 and at the minimum
// window size (760 × 480, main/app/window.ts): where the focus lands after each step, and that every registry row's
// status and actions are on screen without scrolling sideways.
import { chmodSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { needsPassword } from '../main/core/login/login-service';
import type { LoginOutcome } from '../shared/types';
import { expect, fakeCredentialHelper, registries, registryRow, test, type AppHarness } from './harness';
import { macFinch, screenshotHome } from './harness/homes';

const sizes = [
  { width: 1100, height: 720 },
  { width: 800, height: 600 },
  { width: 760, height: 480 },
];
const staging = '210987654321.dkr.ecr.eu-central-1.amazonaws.com';

/** Presses Tab (or Shift+Tab) until `target` has the focus: it must be reachable by keyboard within `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `not reached with ${max} × ${back ? 'Shift+Tab' : 'Tab'}`).toBeFocused();
}

const calls = (app: AppHarness, channel: string) => app.calls.filter((c) => c.channel === channel).map((c) => c.request);

/** A password login that needs typing, and succeeds once a password is given (no finch login behind it). */
function passwordLogins(real: AppHarness['handlers'] & object) {
  return {
    ...real,
    login: async (req: { host: string; password?: string }): Promise<LoginOutcome> =>
      req.password
        ? { host: req.host, result: 'logged-in', expiresAt: null }
        : { host: req.host, result: 'failed', error: needsPassword(req.host, 'not-remembered').toJSON() },
    logout: async () => undefined,
  };
}

/** Every row's status cell and actions cell lie inside the viewport once the row is scrolled to; nothing scrolls sideways. */
async function expectRowsFit(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const scroller = page.locator('.content-scroll');
  const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, 'the registries view scrolls sideways').toBeLessThanOrEqual(0);
  const rows = registries(page).locator('tbody > tr[data-host]');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    await row.scrollIntoViewIfNeeded();
    const host = await row.getAttribute('data-host');
    for (const [what, cell] of [
      ['host', row.getByRole('rowheader')],
      ['status', row.locator('td').nth(-2)],
      ['actions', row.locator('td.row-actions')],
    ] as const) {
      const box = (await cell.boundingBox())!;
      expect(box, `${host}: ${what}`).not.toBeNull();
      expect(box.x, `${host}: ${what} starts in the viewport`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${host}: ${what} ends in the viewport`).toBeLessThanOrEqual(viewport.width + 0.5);
      // Its content is not cut off by the cell either.
      const clipped = await cell.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(clipped, `${host}: ${what} is cut off`).toBeLessThanOrEqual(1);
    }
  }
}

/** The header's facts and Refresh do not overlap. */
async function expectHeaderClear(page: Page): Promise<void> {
  const boxes = await page.locator('.finch-header .fact, .finch-header .refresh').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.textContent ?? '', x: r.x, y: r.y, right: r.right, bottom: r.bottom };
    }),
  );
  for (const a of boxes)
    for (const b of boxes) {
      if (a === b) continue;
      const overlap = a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5;
      expect(overlap, `"${a.name}" overlaps "${b.name}"`).toBe(false);
    }
}

for (const size of sizes) {
  test.describe(`${size.width} × ${size.height}`, () => {
    test.use({ viewport: size });

    test('every row shows its status and actions, the header does not overlap, long ECR hosts wrap at the dots', async ({ app, page, sandboxHome }) => {
      await app.open(sandboxHome(screenshotHome()));
      await expect(registries(page).locator('tbody > tr[data-host]')).toHaveCount(8);
      await expectRowsFit(page);
      await expectHeaderClear(page);
      // A host that wraps breaks after a dot, never inside "eu-central-1".
      const parts = await registryRow(page, staging).locator('th.host > .host-part').evaluateAll((els) => els.map((e) => e.getClientRects().length));
      expect(parts.every((n) => n === 1)).toBe(true);
    });

    test('profile picker by keyboard: arrows choose without saving, Enter saves once, focus stays on the picker', async ({ app, page, sandboxHome }) => {
      await app.open(sandboxHome(screenshotHome()));
      const row = registryRow(page, staging);
      const picker = row.getByRole('combobox', { name: `AWS profile for ${staging}` });
      await expect(picker).toHaveValue('staging');
      await tabTo(page, picker);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(calls(app, 'setProfile')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(picker).toHaveValue('staging');
      await expect(picker).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await expect.poll(() => calls(app, 'setProfile')).toEqual([{ host: staging, profile: 'default' }]);
      await expect(picker).toHaveValue('default');
      await expect(picker).toBeFocused();
      // Leaving the field saves a keyed choice too.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      await expect.poll(() => calls(app, 'setProfile').length).toBe(2);
      const second = calls(app, 'setProfile')[1] as { host: string; profile: string };
      expect(second.host).toBe(staging);
      expect(second.profile).not.toBe('default');
      await expect(picker).toHaveValue(second.profile);
    });

    test('password dialog and logout confirmation by keyboard: the focus comes back to the row', async ({ app, page, sandboxHome }) => {
      await app.open(sandboxHome(screenshotHome()), { handlers: (real) => passwordLogins(real) as typeof real });
      const row = registryRow(page, 'ghcr.io');
      const relogin = row.getByRole('button', { name: 'Re-login' });
      await tabTo(page, relogin);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Log in to ghcr.io' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Personal access token')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(relogin).toBeFocused();

      await page.keyboard.press('Enter');
      await expect(dialog.getByLabel('Personal access token')).toBeFocused();
      await page.keyboard.type('ghp_example-token');
      await page.keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      await expect(relogin).toBeFocused();

      const logout = row.getByRole('button', { name: 'Log out' });
      await page.keyboard.press('Tab');
      await expect(logout).toBeFocused();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('group', { name: 'Log out of ghcr.io' });
      await expect(confirm.getByRole('button', { name: 'Log out', exact: true })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(confirm).toHaveCount(0);
      await expect(logout).toBeFocused();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await expect(confirm).toHaveCount(0);
      await expect.poll(() => calls(app, 'logout')).toEqual([{ host: 'ghcr.io' }]);
      // Back on the row: its Log out (the stand-in handler leaves the login in place), else its Log in.
      await expect(logout).toBeFocused();
    });

    test('Add registry by keyboard: Escape returns to the button; adding shows the new row and focuses its Log in', async ({ app, page, sandboxHome }) => {
      await app.open(sandboxHome(screenshotHome()));
      const add = page.getByRole('button', { name: 'Add registry…' });
      await tabTo(page, add);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Add registry' });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(add).toBeFocused();

      await page.keyboard.press('Enter');
      await expect(dialog.getByRole('textbox').first()).toBeFocused();
      await page.keyboard.type('quay.io');
      await page.keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      const row = registryRow(page, 'quay.io');
      await expect(row.getByRole('button', { name: 'Log in' })).toBeFocused();
      await expect(row).toBeInViewport();
      await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Registries/ })).toContainText('9');
    });

    test('Health by keyboard: the Fix preview and the VM restart confirmation give the focus back to their button', async ({ app, page, sandboxHome }) => {
      // credsStore "ecr-login" (as Finch's guide once said): the keychain-helper check fails, with a Fix.
      const home = sandboxHome({
        ...macFinch,
        files: { '.finch/config.json': { auths: { 'ghcr.io': {} }, credsStore: 'ecr-login' } },
        programs: { 'docker-credential-ecr-login': fakeCredentialHelper({}) },
      });
      home.write('/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({}));
      chmodSync(home.path('/usr/local/bin/docker-credential-osxkeychain'), 0o755);
      await app.open(home);
      const health = page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Health/ });
      await tabTo(page, health, { back: true });
      await page.keyboard.press('Enter');
      await expect(health).toHaveAttribute('aria-current', 'page');
      const fix = page.getByRole('button', { name: 'Fix…' }).first();
      await expect(fix).toBeVisible();
      await tabTo(page, fix);
      await page.keyboard.press('Enter');
      const preview = page.getByRole('dialog');
      await expect(preview).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(preview).toHaveCount(0);
      await expect(fix).toBeFocused();

      const restart = page.getByRole('region', { name: 'Virtual machine' }).getByRole('button', { name: 'Restart VM…' });
      await tabTo(page, restart);
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: 'Restart the Finch VM?' });
      await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(confirm).toHaveCount(0);
      await expect(restart).toBeFocused();
    });
  });
}

test.describe('800 × 600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('a plain-text password the store hides: its row’s fix by keyboard opens the preview in Health; Escape lands on Health’s heading', async ({ app, page, sandboxHome }) => {
    const home = sandboxHome({ ...macFinch, files: { '.finch/config.json': { auths: { 'ghcr.io': { auth: 'ZGFuYTpwdw==' } }, credsStore: 'osxkeychain' } } });
    home.write('/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({}));
    chmodSync(home.path('/usr/local/bin/docker-credential-osxkeychain'), 0o755);
    await app.open(home);
    const move = registryRow(page, 'ghcr.io').getByRole('button', { name: 'Move plain-text passwords into the keychain…' });
    await tabTo(page, move);
    await expect(move).toBeInViewport();
    await page.keyboard.press('Enter');
    const preview = page.getByRole('dialog', { name: 'Move plain-text passwords into the credential store' });
    await expect(preview).toBeVisible();
    await expect(preview.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(preview).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Health', level: 2 })).toBeFocused();
  });
});
