// Settings and focusRegistry, end to end: the Settings view's switches go through main's real handlers
// (setSettings / setAutoRenew) into settings.json and state.json in the sandbox's state folder, come back after a
// reload, follow settingsChanged pushes; a focusRegistry from main shows that registry's row.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { Failure } from '../main/core/failure';
import { dispatch } from '../main/core/envelope';
import { lineLog } from '../main/core/log';
import type { LoginItem } from '../main/core/state/settings';
import { basicAuth, expect, fakeCredentialHelper, registryRow, test, type SandboxHome, type SandboxHomeOptions } from './harness';
import { fromNow, hour, macFinch } from './harness/homes';

const ecrA = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const ecrB = '210987654321.dkr.ecr.eu-central-1.amazonaws.com';

/**
 * A macOS user with two ECR logins made in this app (kept in the keychain, their expiry in state.json), ECR Public
 * through ecr-login (nothing to renew), and two password registries (not renewable).
 */
function macHome(extra: string[] = []): SandboxHomeOptions {
  return {
    ...macFinch,
    files: {
      '.finch/config.json': {
        auths: {
          [ecrA]: {},
          [ecrB]: {},
          'https://index.docker.io/v1/': {},
          'ghcr.io': { auth: basicAuth('dana', 'ghp-not-shown') },
          ...Object.fromEntries(extra.map((h) => [h, {}])),
        },
        credsStore: 'osxkeychain',
        credHelpers: { 'public.ecr.aws': 'ecr-login' },
      },
    },
    programs: {
      'docker-credential-osxkeychain': fakeCredentialHelper({ [ecrA]: 'AWS', [ecrB]: 'AWS', 'https://index.docker.io/v1/': 'dana' }),
    },
    appState: {
      version: 1,
      registries: {
        [ecrA]: { profile: 'dev', expiresAt: fromNow(9 * hour) },
        [ecrB]: { profile: 'staging', expiresAt: fromNow(35 * 60_000) },
      },
    },
  };
}

const stateFile = (home: SandboxHome, name: string) => path.join(home.vars.FINCH_LOGINS_STATE_DIR!, name);
/** A state-folder file as JSON; {} until main has written it (polled while a change is on its way). */
const readJson = (home: SandboxHome, name: string): Record<string, unknown> =>
  existsSync(stateFile(home, name)) ? JSON.parse(readFileSync(stateFile(home, name), 'utf8')) : {};
const autoRenewOf = (home: SandboxHome, host: string) =>
  (readJson(home, 'state.json') as { registries?: Record<string, { autoRenew?: boolean }> }).registries?.[host]?.autoRenew ?? false;

const openSettings = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
};
const renewAll = (page: Page) => page.getByRole('switch', { name: 'Renew ECR logins automatically' });
const renewHost = (scope: Page | Locator, host: string) => scope.getByRole('switch', { name: `Renew ${host} automatically` });
const lead = (page: Page) => page.getByRole('spinbutton', { name: 'When to renew' });

test('auto-renew for all and for one registry is saved in the state folder and shown again after a reload', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome(macHome());
  await app.open(home);
  await openSettings(page);

  // The harness, like a window opened outside the app, has no OS switch for start at login: said, not offered.
  const startAtLogin = page.getByRole('switch', { name: 'Start at login' });
  await expect(startAtLogin).toBeDisabled();
  await expect(startAtLogin).not.toBeChecked();
  await expect(page.getByText('only the Finch Logins app can reach it')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Menu bar only (no Dock icon)' })).toBeEnabled();
  await expect(page.getByText(/On macOS, from the next start/)).toBeVisible();
  await expect(lead(page)).toHaveValue('30');

  // Only ECR and ECR Public registries are listed; ECR Public through ecr-login has nothing to renew.
  const list = page.getByRole('list', { name: 'Auto-renew by registry' });
  await expect(list.getByRole('switch')).toHaveCount(3);
  await expect(renewHost(list, 'public.ecr.aws')).toBeDisabled();
  await expect(list.getByRole('listitem').filter({ hasText: 'public.ecr.aws' })).toContainText('ecr-login gets a token each time');

  // For all: saved in settings.json; every registry's switch is then on and cannot be turned off alone.
  await renewAll(page).click();
  await expect(renewAll(page)).toBeChecked();
  await expect.poll(() => readJson(home, 'settings.json')).toMatchObject({ autoRenewAll: true });
  await expect(renewHost(list, ecrA)).toBeChecked();
  await expect(renewHost(list, ecrA)).toBeDisabled();
  await renewAll(page).click();
  await expect(renewAll(page)).not.toBeChecked();
  await expect.poll(() => readJson(home, 'settings.json')).toMatchObject({ autoRenewAll: false });

  // One registry: remembered with its other memory in state.json.
  await renewHost(list, ecrA).click();
  await expect(renewHost(list, ecrA)).toBeChecked();
  await expect.poll(() => autoRenewOf(home, ecrA)).toBe(true);
  expect(autoRenewOf(home, ecrB)).toBe(false);

  // Minutes: clamped to 5–240 as main clamps them, saved when the field is left — and said, never silently.
  const leadRow = page.locator('.settings-row').filter({ has: lead(page) });
  await expect(leadRow).toContainText('Between 5 and 240 minutes.');
  await lead(page).fill('500');
  await lead(page).press('Enter');
  await expect(lead(page)).toHaveValue('240');
  await expect(leadRow.getByRole('status')).toHaveText('500 is above the maximum of 240 minutes: set to 240.');
  await lead(page).fill('12.4');
  await expect(leadRow.getByRole('status')).toHaveCount(0);
  await lead(page).press('Tab');
  await expect(lead(page)).toHaveValue('12');
  await expect(leadRow.getByRole('status')).toHaveText('Whole minutes only: set to 12.');
  await expect.poll(() => readJson(home, 'settings.json')).toMatchObject({ renewBeforeMinutes: 12 });

  const changes = () => app.calls.filter((c) => c.channel === 'setSettings' || c.channel === 'setAutoRenew');
  await expect.poll(() => changes().map((c) => [c.channel, c.request])).toEqual([
    ['setSettings', { autoRenewAll: true }],
    ['setSettings', { autoRenewAll: false }],
    ['setAutoRenew', { host: ecrA, enabled: true }],
    ['setSettings', { renewBeforeMinutes: 240 }],
    ['setSettings', { renewBeforeMinutes: 12 }],
  ]);
  expect(changes().every((c) => c.result.ok)).toBe(true);

  // After a reload the window reads it all back from disk.
  await page.reload();
  await expect(registryRow(page, ecrA)).toBeVisible();
  // In Registries: ECR rows made here have their own switch; ecr-login and password rows have none.
  await expect(renewHost(registryRow(page, ecrA), ecrA)).toBeChecked();
  await expect(renewHost(registryRow(page, ecrB), ecrB)).not.toBeChecked();
  await expect(registryRow(page, 'public.ecr.aws').getByRole('switch')).toHaveCount(0);
  await expect(registryRow(page, 'docker.io').getByRole('switch')).toHaveCount(0);
  await expect(registryRow(page, 'ghcr.io').getByRole('switch')).toHaveCount(0);

  // Turned on from its row: the same state.json entry, and the Settings list agrees.
  await renewHost(registryRow(page, ecrB), ecrB).click();
  await expect(renewHost(registryRow(page, ecrB), ecrB)).toBeChecked();
  await expect.poll(() => autoRenewOf(home, ecrB)).toBe(true);

  await openSettings(page);
  await expect(renewAll(page)).not.toBeChecked();
  await expect(renewHost(list, ecrA)).toBeChecked();
  await expect(renewHost(list, ecrB)).toBeChecked();
  await expect(lead(page)).toHaveValue('12');
});

test('auto-renew on a login whose profile asks for an MFA code says it cannot renew without you', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({
    ...macHome(),
    files: {
      ...macHome().files,
      // dev assumes a role with an MFA device; staging has plain keys.
      '.aws/config': '[profile base]\nregion = eu-west-1\n\n[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/dana\n\n[profile staging]\nregion = eu-central-1\n',
    },
  });
  await app.open(home);
  const note = 'Profile “dev” asks for an MFA code: auto-renew cannot renew without you. When the login is due you get a notification; type the code in the window to log in again.';
  await expect(registryRow(page, ecrA)).toContainText('Profile “dev” needs an MFA code: auto-renew cannot renew without you.');
  await expect(registryRow(page, ecrB)).not.toContainText('MFA');
  await openSettings(page);
  const list = page.getByRole('list', { name: 'Auto-renew by registry' });
  await expect(list.getByRole('listitem').filter({ hasText: ecrA })).toContainText(note);
  await expect(list.getByRole('listitem').filter({ hasText: ecrB })).not.toContainText('MFA');
});

test('follows settingsChanged: a change made from the tray shows in the window', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome(macHome());
  await app.open(home);
  await openSettings(page);
  await expect(renewAll(page)).not.toBeChecked();
  // The window's own start-up requests end first: the checks it runs once the first status is read can come late
  // on a busy machine (they run finch), and are not what this test is about.
  await expect.poll(() => app.calls.some((c) => c.channel === 'runChecks')).toBe(true);
  const before = app.calls.length;

  // As the tray's "Renew ECR Logins Automatically" does: main's own handler, which pushes settingsChanged.
  await app.handlers!.setSettings({ autoRenewAll: true, renewBeforeMinutes: 45 });
  await expect(renewAll(page)).toBeChecked();
  await expect(lead(page)).toHaveValue('45');
  await app.handlers!.setAutoRenew({ host: ecrB, enabled: true });
  await app.handlers!.setSettings({ autoRenewAll: false });
  await expect(renewHost(page, ecrB)).toBeChecked();
  await expect(renewHost(page, ecrA)).not.toBeChecked();
  // Pushes, not requests: the window asked nothing.
  expect(app.calls.slice(before)).toEqual([]);
});

test('start at login goes to the OS switch; a refusal is said next to it and the switch stays as it was', async ({ app, page, sandboxHome }) => {
  let enabled = false;
  let refuse = false;
  const loginItem: LoginItem = {
    get: () => enabled,
    set: (on) => {
      if (refuse) throw new Failure('unsupported', 'macOS did not add Finch Logins to your login items.', 'Check System Settings › General › Login Items.');
      enabled = on;
    },
  };
  await app.open(sandboxHome(macHome()), {
    deps: { loginItem },
    handlers: (real) => ({
      ...real,
      // What the real write throws when the state folder is not writable; the boundary turns it into words.
      setAutoRenew: async () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/Users/dana/Library/Application Support/Finch Logins/state.json'"), {
          code: 'EACCES',
          path: '/Users/dana/Library/Application Support/Finch Logins/state.json',
        });
      },
    }),
  });
  await openSettings(page);

  const startAtLogin = page.getByRole('switch', { name: 'Start at login' });
  await expect(startAtLogin).toBeEnabled();
  await expect(page.getByText(/when you log in to this computer/)).toBeVisible();
  await startAtLogin.click();
  await expect(startAtLogin).toBeChecked();
  await expect.poll(() => enabled).toBe(true);
  await expect(startAtLogin).not.toHaveAttribute('aria-busy');

  refuse = true;
  await startAtLogin.click();
  const row = page.locator('.settings-row').filter({ has: startAtLogin });
  await expect(row.getByRole('alert')).toHaveText('macOS did not add Finch Logins to your login items. Check System Settings › General › Login Items.');
  await expect(startAtLogin).toBeChecked();
  expect(enabled).toBe(true);

  // A registry's switch: the same, under its own row; trying again clears the message.
  await renewHost(page, ecrA).click();
  const item = page.getByRole('listitem').filter({ has: renewHost(page, ecrA) });
  await expect(item.getByRole('alert')).toContainText('state.json could not be written: permission denied (EACCES).');
  await expect(renewHost(page, ecrA)).not.toBeChecked();

  refuse = false;
  await startAtLogin.click();
  await expect(startAtLogin).not.toBeChecked();
  await expect.poll(() => enabled).toBe(false);
  await expect(row.getByRole('alert')).toHaveCount(0);
  await expect(item.getByRole('alert')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('settings-errors.png'), animations: 'disabled', caret: 'hide' });
});

test('focusRegistry: the window switches to Registries, scrolls to the row and highlights it for a few seconds', async ({ app, page, sandboxHome }) => {
  // Enough registries that the last one starts out of view.
  const others = Array.from({ length: 16 }, (_, i) => `registry-${String(i + 1).padStart(2, '0')}.example.com`);
  const target = 'zz-last.example.com';
  await page.setViewportSize({ width: 1100, height: 560 });
  await app.open(sandboxHome(macHome([...others, target])));
  await expect(registryRow(page, target)).toBeAttached();
  await expect(registryRow(page, target)).not.toBeInViewport();
  await openSettings(page);

  await app.emit('focusRegistry', { host: target });
  await expect(page.getByRole('heading', { name: 'Registries', level: 2 })).toBeVisible();
  const row = registryRow(page, target);
  await expect(row).toHaveClass(/\bis-focused\b/);
  await expect(page.locator('tr.is-focused')).toHaveCount(1);
  await expect(row).toHaveAttribute('data-host', target);
  await expect(row).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Registries' })).toHaveAttribute('aria-current', 'page');
  // Then the highlight ends by itself.
  await expect(row).not.toHaveClass(/\bis-focused\b/, { timeout: 6_000 });
  await expect(row).toBeInViewport();
});

test('focusRegistry sent as soon as the page loads, before the status is in, is not lost', async ({ app, page, sandboxHome }) => {
  const others = Array.from({ length: 16 }, (_, i) => `registry-${String(i + 1).padStart(2, '0')}.example.com`);
  let release!: () => void;
  const statusHeld = new Promise<void>((resolve) => (release = resolve));
  await page.setViewportSize({ width: 1100, height: 560 });
  await app.open(sandboxHome(macHome(others)), {
    handlers: (real) => ({
      ...real,
      getStatus: async (request) => {
        await statusHeld;
        return real.getStatus(request);
      },
    }),
  });

  // As main does on did-finish-load for a notification clicked while the window was closed.
  await app.emit('focusRegistry', { host: ecrB });
  await expect(page.getByRole('table', { name: 'Registries' })).toHaveCount(0);
  release();

  const row = registryRow(page, ecrB);
  await expect(row).toHaveClass(/\bis-focused\b/);
  await expect(row).toBeInViewport();
});

test('screenshots of Settings (light and dark)', async ({ app, page, sandboxHome }, testInfo) => {
  const home = sandboxHome(macHome());
  await page.setViewportSize({ width: 1100, height: 960 });
  await app.open(home, { deps: { loginItem: { get: () => true, set: () => undefined } } });
  await app.handlers!.setAutoRenew({ host: ecrB, enabled: true });
  await openSettings(page);
  await expect(renewHost(page, ecrB)).toBeChecked();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`settings-${scheme}.png`), animations: 'disabled', caret: 'hide' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: /^Registries/ }).click();
  await expect(registryRow(page, ecrB)).toBeVisible();
  await app.emit('focusRegistry', { host: ecrB });
  await expect(registryRow(page, ecrB)).toHaveClass(/\bis-focused\b/);
  await page.screenshot({ path: testInfo.outputPath('registries-focused.png'), caret: 'hide' });
});

test('Copy diagnostics: versions, every check and the recent log, copied and shown; no secret in them', async ({ app, page, sandboxHome }) => {
  let copied: string | null = null;
  const log = lineLog(() => undefined);
  await app.open(sandboxHome(macHome()), { deps: { log, appVersion: '9.9.9', copyText: (text) => (copied = text) } });
  // A failure main logged before the user asked for help.
  expect(await dispatch(app.handlers!, 'addRegistry', { host: 'not a host' })).toMatchObject({ ok: false, error: { kind: 'invalid-host' } });
  await openSettings(page);

  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeVisible();
  const shown = await page.getByRole('textbox', { name: 'Diagnostics text' }).inputValue();
  expect(shown).toBe(copied);
  expect(shown).toMatch(/^Finch Logins 9\.9\.9 diagnostics, /);
  expect(shown).toMatch(/^Finch: 1\.\d+\.\d+ at .*finch, VM running$/m);
  expect(shown).toMatch(/^ {2}ok {6}finch-installed$/m);
  expect(shown).toMatch(/^ {2}warn {4}plaintext-credentials: /m);
  expect(shown).toMatch(/WARN addRegistry failed: invalid-host: /);
  expect(shown).not.toContain('ghp-not-shown');
  expect(shown).not.toContain(basicAuth('dana', 'ghp-not-shown'));
});
