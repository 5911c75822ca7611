// The Health view, end to end on sandbox homes with main's real checks and fixes: a failing check, its Fix with
// the diff, Apply, the check turning green, Undo putting the files back byte for byte; the "restart required"
// banner and a VM restart with its output streaming in. (The docs' screenshots: `npm run screenshots`.)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { fakeFinchVmScript } from '../test/support/sandbox-home';
import { basicAuth, expect, fakeCredentialHelper, test, type SandboxHome, type SandboxHomeOptions } from './harness';
import { awsConfig, macFinch } from './harness/homes';
import { needs } from './harness/needs';
import { leakedIds } from '../test/support/leaked-ids';

const ecrHosts = ['123456789012.dkr.ecr.us-east-1.amazonaws.com', '210987654321.dkr.ecr.eu-central-1.amazonaws.com'];
const configRel = '.finch/config.json';
const yamlRel = '.finch/finch.yaml';
const yamlText = '# Finch settings\ncpus: 4 # of 8\nmemory: 8GiB\n';
/** What that user's finch.yaml says; the fix takes ecr-login out again. */
const yamlWithEcr = `${yamlText}creds_helpers:\n  - ecr-login\n`;
const ecrCheck = 'ecr-login is set up per registry';
const restartCheck = 'No VM restart pending';

/**
 * A macOS Finch user who followed Finch's guide: ecr-login in finch.yaml's creds_helpers, so Finch set
 * `credsStore: "ecr-login"` at the last VM start (finch #480): ECR works, but `finch login` fails for Docker Hub and
 * GitHub. Both helpers are where Finch's credential server looks, so only the ecr-login setup check fails.
 */
function ecrStoreHome(opts: { aws?: boolean } = {}): SandboxHomeOptions {
  return {
    ...macFinch,
    files: {
      // Tab-indented, no final newline: the way docker writes it. Undo must give back exactly these bytes.
      [configRel]: JSON.stringify(
        { auths: { [ecrHosts[0]!]: {}, [ecrHosts[1]!]: {}, 'https://index.docker.io/v1/': {}, 'ghcr.io': {} }, credsStore: 'ecr-login' },
        null,
        '\t',
      ),
      [yamlRel]: yamlWithEcr,
      // Finch downloaded its Linux copy for the VM at that start (the Mac never runs it).
      '.finch/cred-helpers/docker-credential-ecr-login': 'ELF',
      ...(opts.aws === false ? {} : { '.aws/config': awsConfig }),
    },
    programs: { 'docker-credential-ecr-login': fakeCredentialHelper({}) },
  };
}

/** An executable in a system folder of the sandbox (files are written without modes). */
function install(home: SandboxHome, key: string, script: string): void {
  home.write(key, script);
  chmodSync(home.path(key), 0o755);
}

/** The keychain and ecr-login helpers as files in /usr/local/bin, where Finch's credential server runs them. */
function withKeychainHelper(home: SandboxHome): SandboxHome {
  install(home, '/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({ 'https://index.docker.io/v1/': 'dana', 'ghcr.io': 'dana-acme' }));
  install(home, '/usr/local/bin/docker-credential-ecr-login', fakeCredentialHelper({}));
  return home;
}

/**
 * A `finch` whose VM really stops and starts: the stack's stand-in (FL_FINCH, state in FL_FINCH_VM_STATE) when
 * the spec runs under e2e/stack/with-stack.sh, else the unit tests' shell stand-in. Each step takes ~0.8 s, so
 * the log can be seen arriving.
 */
function withRestartableFinch(home: SandboxHome): { stateFile: string } {
  const stateFile = path.join(home.dir, 'vm-state');
  writeFileSync(stateFile, 'Running\n');
  // 1.17: a stopped VM stays stopped until started (1.18 starts it by itself when a command needs it).
  if (process.env.FL_FINCH) {
    Object.assign(home.vars, { FINCH_LOGINS_FINCH: process.env.FL_FINCH, FL_FINCH_VERSION: '1.17.2', FL_FINCH_VM_STATE: stateFile, FL_FINCH_VM_DELAY_MS: '800' });
  } else {
    install(home, '/usr/local/bin/finch', fakeFinchVmScript(stateFile, 'v1.17.2'));
    home.vars.FAKE_FINCH_VM_SLEEP = '0.8';
  }
  return { stateFile };
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });
const healthNav = (page: Page) => nav(page).getByRole('button', { name: /^Health/ });
const checkItem = (page: Page, title: string) => page.getByRole('list', { name: 'Checks' }).getByRole('listitem', { name: title, exact: true });
const fixDialog = (page: Page) => page.getByRole('dialog', { name: 'Let ecr-login fetch Amazon ECR tokens' });

/** No check or fix id in what the page shows, says to a screen reader, or shows on hover. */
async function expectNoIds(page: Page): Promise<void> {
  const said = await page.evaluate(() => [
    document.body.innerText,
    ...[...document.querySelectorAll('[title], [aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`),
  ]);
  expect(said.flatMap((t) => leakedIds(t).map((id) => `${id} in: ${t.slice(0, 200)}`))).toEqual([]);
}

async function openHealth(page: Page): Promise<void> {
  await healthNav(page).click();
  await expect(page.getByRole('heading', { name: 'Health', level: 2 })).toBeVisible();
}

test('Fix shows the diff, Apply turns the check green, Undo puts the files back byte for byte', async ({ app, page, sandboxHome }) => {
  const home = withKeychainHelper(sandboxHome(ecrStoreHome()));
  const configBefore = readFileSync(home.path(configRel));
  const yamlBefore = readFileSync(home.path(yamlRel));
  await app.open(home);

  // The badge counts what needs attention before the section is even opened.
  await expect(healthNav(page)).toHaveText(/Health\s*1$/);
  await openHealth(page);
  const check = checkItem(page, ecrCheck);
  await expect(check).toContainText('Failed');
  await expect(check).toContainText('config.json sets credsStore to "ecr-login"');
  // Failing first.
  await expect(page.getByRole('list', { name: 'Checks' }).getByRole('listitem').first()).toHaveAccessibleName(ecrCheck);
  // What passed is readable in full on the page (not cut with "…", not only on hover), here and at 760 px.
  for (const width of [1100, 760]) {
    await page.setViewportSize({ width, height: 720 });
    const cut = await page.locator('.check-ok .check-detail').evaluateAll((ps) =>
      ps.filter((p) => p.scrollWidth > p.clientWidth || getComputedStyle(p).textOverflow === 'ellipsis' || p.hasAttribute('title')).map((p) => p.textContent),
    );
    expect(cut).toEqual([]);
    expect(await page.locator('.check-ok .check-detail').count()).toBeGreaterThan(3);
  }

  await check.getByRole('button', { name: 'Fix…' }).click();
  const dialog = fixDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Why not credsStore: ecr-login');

  // One diff per file, headed by the file, removed and added lines marked.
  const config = dialog.getByRole('figure', { name: 'Changes to config.json' });
  await expect(config.locator('figcaption')).toContainText('~/.finch/config.json');
  await expect(config.locator('del')).toHaveText([/"credsStore": "ecr-login"/]);
  await expect(config.locator('ins').first()).toContainText('"credsStore": "osxkeychain",');
  await expect(config.locator('ins')).toContainText([`"${ecrHosts[0]}": "ecr-login"`, `"${ecrHosts[1]}": "ecr-login"`]);
  // ecr-login leaves creds_helpers, or the next VM start would set credsStore to ecr-login again.
  const yaml = dialog.getByRole('figure', { name: 'Changes to finch.yaml' });
  await expect(yaml.locator('del')).toHaveText([/creds_helpers:/, /- ecr-login/]);
  await expect(yaml.locator('ins')).toHaveCount(0);
  await expect(dialog).toContainText('Finch sets credsStore to "ecr-login" at every VM start');
  // The checks, the fix's preview and its buttons: titles, never an id.
  await expectNoIds(page);
  // Nothing is written before Apply.
  expect(readFileSync(home.path(configRel))).toEqual(configBefore);

  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Fix applied' })).toBeVisible();
  const rechecked = dialog.getByRole('listitem', { name: ecrCheck });
  await expect(rechecked).toContainText('OK');
  await expect(rechecked).toContainText('ecr-login fetches tokens for');
  await expect(dialog.getByRole('button', { name: 'Undo' })).toBeVisible();
  const written = JSON.parse(readFileSync(home.path(configRel), 'utf8'));
  expect(written.credsStore).toBe('osxkeychain');
  expect(written.credHelpers).toEqual({ [ecrHosts[0]!]: 'ecr-login', [ecrHosts[1]!]: 'ecr-login' });
  expect(readFileSync(home.path(yamlRel), 'utf8')).toBe(yamlText);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(checkItem(page, ecrCheck)).toContainText('OK');
  // Taking ecr-login out of creds_helpers needs no restart: it matters at the next start, whenever that is.
  await expect(page.getByRole('region', { name: 'Restart required' })).toHaveCount(0);
  await expect(checkItem(page, restartCheck)).toContainText('OK');

  await page.getByRole('button', { name: 'Undo last change' }).click();
  const undone = page.getByRole('status').filter({ hasText: 'Undone' });
  await expect(undone).toContainText('Undid "Let ecr-login fetch Amazon ECR tokens"');
  await expect(undone).not.toContainText('ecr-login-setup');
  await expectNoIds(page);
  await expect(undone.getByRole('list', { name: 'Restored files' })).toHaveText(/~\/\.finch\/finch\.yaml\s*~\/\.finch\/config\.json/);
  expect(readFileSync(home.path(configRel))).toEqual(configBefore);
  expect(readFileSync(home.path(yamlRel))).toEqual(yamlBefore);
  await expect(checkItem(page, ecrCheck)).toContainText('Failed');

  const channels = app.calls.map((c) => c.channel);
  expect(channels).toEqual(expect.arrayContaining(['runChecks', 'previewFix', 'applyFix', 'undo']));
  expect(channels.filter((c) => c === 'applyFix')).toHaveLength(1);
});

test('Undo from the Fix dialog, then "nothing to undo"; a file changed after the preview is not overwritten', async ({ app, page, sandboxHome }) => {
  const home = withKeychainHelper(sandboxHome(ecrStoreHome()));
  const configBefore = readFileSync(home.path(configRel));
  await app.open(home);
  await openHealth(page);

  // Changed on disk between the preview and Apply: nothing is written, the dialog says why and offers a new preview.
  await checkItem(page, ecrCheck).getByRole('button', { name: 'Fix…' }).click();
  const dialog = fixDialog(page);
  await expect(dialog.getByRole('figure', { name: 'Changes to config.json' })).toBeVisible();
  const edited = `${configBefore.toString()}\n`;
  writeFileSync(home.path(configRel), edited);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The fix was not applied');
  await expect(alert).toContainText('changed since the preview');
  await expect(alert).toContainText('Look at the fix again');
  expect(readFileSync(home.path(configRel), 'utf8')).toBe(edited);

  await dialog.getByRole('button', { name: 'Preview again' }).click();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('listitem', { name: ecrCheck })).toContainText('OK');

  await dialog.getByRole('button', { name: 'Undo' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Undone' })).toContainText('2 files put back');
  await expect(dialog.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  expect(readFileSync(home.path(configRel), 'utf8')).toBe(edited);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(checkItem(page, ecrCheck)).toContainText('Failed');

  await page.getByRole('button', { name: 'Undo last change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing to undo' })).toBeVisible();
});

test('a skipped check names the check it waits for by its title; no id anywhere in the view', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome({ ...macFinch, files: { [configRel]: '{"auths": {' } }));
  await openHealth(page);
  await expect(checkItem(page, 'config.json is readable')).toContainText('Failed');
  await expect(checkItem(page, 'No passwords in plain text')).toContainText('Skipped: it needs "config.json is readable" to pass first, and that check failed.');
  await expectNoIds(page);
});

test('a first run, before Finch has made config.json: no warning about it, and the keychain check says what Finch will do', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({ ...macFinch });
  install(home, '/usr/local/bin/docker-credential-osxkeychain', fakeCredentialHelper({}));
  await app.open(home);
  await openHealth(page);
  const keychain = checkItem(page, 'macOS keychain helper is installed for Finch');
  await expect(keychain).toContainText('OK');
  await expect(keychain).toContainText('config.json does not exist yet: Finch 1.19.0 creates it at its first login with credsStore "osxkeychain"');
  await expect(checkItem(page, 'config.json is readable')).toContainText('does not exist yet; Finch creates it at the first login.');
  await expect(page.getByRole('list', { name: 'Checks' }).locator('.check-warn, .check-error')).toHaveCount(0);
  await expect(healthNav(page)).toHaveText(/^Health$/);
});

test('a failing preview is shown in the dialog with its hint', async ({ app, page, sandboxHome }) => {
  const home = withKeychainHelper(sandboxHome(ecrStoreHome()));
  await app.open(home);
  await openHealth(page);
  await expect(checkItem(page, ecrCheck)).toContainText('Failed');
  // config.json stops parsing after the checks ran: the fix refuses to touch it.
  home.write(configRel, '{"credsStore": "ecr-login",');
  await checkItem(page, ecrCheck).getByRole('button', { name: 'Fix…' }).click();
  const alert = page.getByRole('dialog').getByRole('alert');
  await expect(alert).toContainText('The preview could not be made');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Apply' })).toHaveCount(0);
  expect(home.read(configRel)).toBe('{"credsStore": "ecr-login",');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('"Restart required" when finch.yaml changed since the VM started; Restart streams Finch’s output and ends with the VM running', async ({ app, page, sandboxHome }) => {
  const options = ecrStoreHome();
  delete options.finch;
  const home = withKeychainHelper(sandboxHome(options));
  const { stateFile } = withRestartableFinch(home);
  // An earlier change to finch.yaml (a fix, or its undo) that the running VM has not read yet.
  mkdirSync(home.vars.FINCH_LOGINS_STATE_DIR!, { recursive: true });
  writeFileSync(path.join(home.vars.FINCH_LOGINS_STATE_DIR!, 'vm.json'), JSON.stringify({ yamlChangedAt: new Date().toISOString() }));
  await app.open(home);
  await openHealth(page);
  const vm = page.getByRole('region', { name: 'Virtual machine' });
  await expect(vm.getByRole('status', { name: 'VM status' })).toHaveText('Running');
  const banner = page.getByRole('region', { name: 'Restart required' });
  await expect(banner).toBeVisible();
  await expect(checkItem(page, restartCheck)).toContainText('Warning');
  // The check's own Fix… is the same restart, behind the same confirmation.
  await checkItem(page, restartCheck).getByRole('button', { name: 'Fix…' }).click();
  await expect(page.getByRole('dialog', { name: 'Restart the Finch VM?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The banner follows the user to other sections.
  await nav(page).getByRole('button', { name: /^Registries/ }).click();
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'Restart VM…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Restart the Finch VM?' });
  await expect(confirm).toContainText('Running containers stop');
  await expect(confirm).toContainText('finch vm stop');
  // Cancel changes nothing.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect(app.calls.some((c) => c.channel === 'restartVm')).toBe(false);

  await banner.getByRole('button', { name: 'Restart VM…' }).click();
  await confirm.getByRole('button', { name: 'Restart VM' }).click();
  await expect(banner).toContainText('Restarting the Finch VM…');
  await banner.getByRole('button', { name: 'Show log' }).click();

  // The log fills while the restart runs: the stop is there before the VM has finished.
  const log = vm.getByRole('log', { name: 'VM log' });
  await expect(log).toBeInViewport();
  await expect(log).toContainText('$ finch vm stop');
  await expect(vm.getByRole('status', { name: 'VM status' })).toHaveText('Restarting…');
  // The header and the VM check say so too, rather than a stale "Running" / OK.
  await expect(page.getByRole('banner').getByRole('definition').filter({ hasText: /Restarting/ })).toHaveText('Restarting…');
  await expect(checkItem(page, 'Finch VM is running')).toContainText('Restarting…');
  await expect(log).not.toContainText('VM status: running');
  await expect(log).toContainText('$ finch vm start', { timeout: 10_000 });
  await expect(log).toContainText('VM status: running', { timeout: 10_000 });
  // Finch's own words, as its stand-in prints them.
  await expect(log).toContainText(process.env.FL_FINCH ? 'Finch virtual machine started successfully' : 'Finch virtual machine start done');
  await expect(vm.getByRole('status').filter({ hasText: 'Restart finished' })).toContainText('the VM is running');
  await expect(vm.getByRole('status', { name: 'VM status' })).toHaveText('Running');
  expect(readFileSync(stateFile, 'utf8').trim()).toBe('Running');

  // The restart took the change in: the banner goes and the check passes.
  await expect(banner).toHaveCount(0);
  await expect(checkItem(page, restartCheck)).toContainText('OK');
  expect(app.calls.filter((c) => c.channel === 'restartVm')).toHaveLength(1);
  expect(existsSync(home.path(configRel))).toBe(true);
});

test.describe('against the real keyring', () => {
  needs('the test stack', process.env.FL_STACK === '1', 'bash e2e/stack/with-stack.sh npx playwright test e2e/health.spec.ts');
  const secretService = '/usr/bin/docker-credential-secretservice';
  const keyring = (verb: 'get' | 'erase', serverUrl: string) => spawnSync(secretService, [verb], { input: serverUrl, encoding: 'utf8' });

  test('migrate-plaintext: the password moves into the keyring, never reaches the page, and Undo brings the file back', async ({ app, page, sandboxHome }) => {
    const host = `health-e2e-${Date.now().toString(36)}.example.com`;
    const secret = `pw-${Math.random().toString(36).slice(2)}-finch`;
    // A macOS-shaped home whose credsStore is the stack's real keyring helper (the same protocol as osxkeychain).
    const cfg = configRel;
    const home = sandboxHome({
      ...macFinch,
      files: { [cfg]: `{\n\t"auths": {\n\t\t"${host}": {\n\t\t\t"auth": "${basicAuth('robot', secret)}"\n\t\t}\n\t},\n\t"credsStore": "secretservice"\n}\n` },
      vars: { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '' },
    });
    const before = readFileSync(home.path(cfg));
    try {
      await app.open(home);
      // docker/cli asks the credsStore, not the file: the keyring holds nothing yet, so the row is logged out — and
      // says that a password sits unused in config.json, with the fix to move it.
      const row = page.getByRole('table', { name: 'Registries' }).getByRole('row', { name: new RegExp(host.replace(/\./g, '\\.')) });
      await expect(row).toContainText('Logged out');
      const shadow = row.getByText('A password in plain text in config.json is not used');
      await expect(shadow).toContainText('Finch reads secretservice, which holds no login for it: Finch is logged out.');
      // The row's own way to the fix: Health, with the fix's preview open (the same as the check's Fix…).
      await row.getByRole('button', { name: 'Move plain-text passwords into the credential store…' }).click();
      await expect(page.getByRole('heading', { name: 'Health', level: 2 })).toBeVisible();
      await expect(checkItem(page, 'No passwords in plain text')).toContainText('Warning');
      const dialog = page.getByRole('dialog', { name: 'Move plain-text passwords into the credential store' });
      const diff = dialog.getByRole('figure', { name: 'Changes to config.json' });
      await expect(diff.locator('del')).toHaveCount(3);
      await expect(dialog.getByRole('list').filter({ hasText: 'docker-credential-secretservice' })).toBeVisible();

      await dialog.getByRole('button', { name: 'Apply' }).click();
      await expect(dialog.getByRole('listitem', { name: 'No passwords in plain text' })).toContainText('OK');
      expect(JSON.parse(readFileSync(home.path(cfg), 'utf8'))).toEqual({ auths: { [host]: {} }, credsStore: 'secretservice' });
      const stored = keyring('get', host);
      expect(stored.status, stored.stdout).toBe(0);
      expect(JSON.parse(stored.stdout)).toMatchObject({ Username: 'robot', Secret: secret });

      await dialog.getByRole('button', { name: 'Undo' }).click();
      const undone = dialog.getByRole('status').filter({ hasText: 'Undone' });
      await expect(undone).toContainText('Undid "Move plain-text passwords into the credential store"');
      // Undo puts the file back, not the keyring: it says so.
      await expect(undone).toContainText(`Not undone: the login for ${host} in “secretservice” stays there`);
      expect(readFileSync(home.path(cfg))).toEqual(before);
      expect(keyring('get', host).status).toBe(0);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(checkItem(page, 'No passwords in plain text')).toContainText('Warning');
      // And the row tells that truth: logged in from the keyring, the file's copy unused.
      await nav(page).getByRole('button', { name: /^Registries/ }).click();
      await expect(row).toContainText('Logged in');
      await expect(row.getByText('A password in plain text in config.json is not used')).toContainText('Finch uses the login in secretservice.');

      // Neither the password nor its base64 ever crossed to the page.
      for (const s of [secret, basicAuth('robot', secret)]) {
        expect(app.transcript()).not.toContain(s);
        expect(await page.content()).not.toContain(s);
      }
    } finally {
      keyring('erase', host);
    }
  });
});

test('a restart that fails says why, with the next step, and keeps the log', async ({ app, page, sandboxHome }) => {
  const home = withKeychainHelper(sandboxHome({ ...ecrStoreHome(), finch: undefined }));
  const stateFile = path.join(home.dir, 'vm-state');
  writeFileSync(stateFile, 'Running\n');
  install(home, '/usr/local/bin/finch', fakeFinchVmScript(stateFile, 'v1.17.2'));
  home.vars.FAKE_FINCH_VM_FAIL = 'start';
  await app.open(home);
  await openHealth(page);
  const vm = page.getByRole('region', { name: 'Virtual machine' });
  await vm.getByRole('button', { name: 'Restart VM…' }).click();
  await page.getByRole('dialog', { name: 'Restart the Finch VM?' }).getByRole('button', { name: 'Restart VM' }).click();

  const alert = vm.getByRole('alert');
  await expect(alert).toContainText('The restart did not finish');
  await expect(alert).toContainText('finch vm start failed: failed to start the instance');
  await expect(alert).toContainText('The log above shows Finch’s own messages.');
  const log = vm.getByRole('log', { name: 'VM log' });
  await expect(log).toContainText('$ finch vm stop');
  await expect(log).toContainText('failed to start the instance');
  // The stop went through: the snapshot says so, and the VM check offers to start it.
  await expect(vm.getByRole('status', { name: 'VM status' })).toHaveText('Stopped');
  await expect(checkItem(page, 'Finch VM is running')).toContainText('Warning');
  await expect(vm.getByRole('button', { name: 'Restart VM…' })).toBeEnabled();
});

test('the checks run again by themselves when main reports a changed file', async ({ app, page, sandboxHome }) => {
  const home = withKeychainHelper(sandboxHome(ecrStoreHome()));
  await app.open(home);
  await openHealth(page);
  await expect(checkItem(page, ecrCheck)).toContainText('Failed');
  const runs = () => app.calls.filter((c) => c.channel === 'runChecks').length;
  const before = runs();

  // Fixed by hand in an editor (both files); main's watcher pushes the new status.
  home.write(configRel, { auths: { [ecrHosts[0]!]: {} }, credsStore: 'osxkeychain', credHelpers: { [ecrHosts[0]!]: 'ecr-login' } });
  home.write(yamlRel, yamlText);
  await app.pushStatus();
  await expect(checkItem(page, ecrCheck)).toContainText('OK');
  await expect(healthNav(page)).toHaveText(/^Health$/);
  expect(runs()).toBe(before + 1);
});
