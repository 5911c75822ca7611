// File watching, end to end: files edited on disk reach the window through main's status watcher (folder watches,
// ~250 ms debounce) without anyone pressing Refresh — the window makes no call of its own.
import type { Page } from '@playwright/test';
import { basicAuth, expect, registries, test, type SandboxHomeOptions } from './harness';
import { macFinch } from './harness/homes';

const row = (page: Page, host: string) => registries(page).getByRole('rowheader', { name: host, exact: true });

function home(): SandboxHomeOptions {
  return {
    ...macFinch,
    files: { '.finch/config.json': { auths: { 'ghcr.io': { auth: basicAuth('dana', 'ghp-secret-token') } } } },
  };
}

test('a registry added to config.json on disk appears in the window without Refresh', async ({ app, page, sandboxHome }) => {
  const sandbox = sandboxHome(home());
  await app.open(sandbox);
  const stop = app.watchFiles();
  try {
    await expect(row(page, 'ghcr.io')).toBeVisible();
    await expect(registries(page).getByRole('row')).toHaveCount(1 + 1);

    // As `finch login quay.io` would: the file rewritten in place.
    sandbox.write('.finch/config.json', {
      auths: { 'ghcr.io': { auth: basicAuth('dana', 'ghp-secret-token') }, 'quay.io': { auth: basicAuth('robot', 'quay-secret') } },
    });
    // Within a second of the write (debounce 250 ms + one status read), plus the render.
    await expect(row(page, 'quay.io')).toBeVisible({ timeout: 1_500 });
    await expect(registries(page).getByRole('row')).toHaveCount(1 + 2);

    // As an editor saves: a new file renamed over the old one (a watch on the file itself would miss this).
    const { renameSync, writeFileSync } = await import('node:fs');
    const file = sandbox.path('.finch/config.json');
    writeFileSync(`${file}.swp`, JSON.stringify({ auths: { 'quay.io': { auth: basicAuth('robot', 'quay-secret') } } }));
    renameSync(`${file}.swp`, file);
    await expect(row(page, 'ghcr.io')).toBeHidden({ timeout: 1_500 });
    await expect(registries(page).getByRole('row')).toHaveCount(1 + 1);

    // The page read the status once, when it opened; every later snapshot was pushed (no Refresh).
    expect(app.calls.filter((c) => c.channel === 'getStatus')).toHaveLength(1);
    expect(app.transcript()).not.toContain('quay-secret');
  } finally {
    stop();
  }
});

test('AWS profiles appear when ~/.aws is created after the app started', async ({ app, page, sandboxHome }) => {
  const sandbox = sandboxHome(home());
  await app.open(sandbox);
  const stop = app.watchFiles();
  try {
    await page.getByRole('button', { name: /^AWS profiles/ }).click();
    await expect(page.getByRole('heading', { name: 'No AWS profiles' })).toBeVisible();
    // No ~/.aws at all yet: the watcher waits in the home folder for it.
    sandbox.write('.aws/config', '[profile dev]\nregion = eu-west-1\n');
    const profiles = page.getByRole('table', { name: 'AWS profiles' });
    await expect(profiles.getByRole('rowheader', { name: 'dev', exact: true })).toBeVisible({ timeout: 2_000 });
  } finally {
    stop();
  }
});
