import { test, expect } from './harness';
import { screenshotHome, awsConfig } from './harness/homes';
test('scratch', async ({ app, sandboxHome, page }) => {
  await app.open(sandboxHome(screenshotHome()));
  await page.getByRole('button', { name: /^AWS profiles/ }).click();
  await page.screenshot({ path: 'test-results/s-profiles.png' });
});
test('scratch2', async ({ app, sandboxHome, page }) => {
  await app.open(sandboxHome({ platform: 'linux' }));
  await expect(page.getByText('No registries yet')).toBeVisible();
  await page.screenshot({ path: 'test-results/s-empty.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/s-empty-dark.png' });
});
test('scratch3', async ({ app, sandboxHome, page }) => {
  await app.open(sandboxHome({ platform: 'darwin', files: { '.finch/config.json': '{\n  "auths": {\n    "ghcr.io": {}\n  ,\n}\n', '.aws/config': awsConfig + '\n[profile broken\nregion=x\n', '.finch/finch.yaml': 'cpus: [4\n' } }));
  await expect(page.getByText('No registries to show')).toBeVisible();
  await page.screenshot({ path: 'test-results/s-problems.png' });
});
