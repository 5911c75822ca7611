// Smoke test of the real app under Electron: the built out/ started with Playwright's _electron. It runs only where
// an Electron binary is installed; elsewhere (this machine: no binary can be downloaded) it is skipped, and
// test/unit/bundles.test.ts covers the same wiring with a recording stand-in for `electron`.
//
// The binary's path is worked out here rather than with require('electron'): since Electron 42 that call tries to
// DOWNLOAD a missing binary and throws when it cannot (offline), which would break loading this file.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { channelNames } from '../shared/contract';
import { basicAuth, makeSandboxHome } from './harness';

const root = path.resolve(__dirname, '..');

/** Where `require('electron')` would point, without its download side effect. */
function electronBinaryPath(platform: NodeJS.Platform = process.platform, vars: NodeJS.ProcessEnv = process.env): string {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  const exe = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8')
    : platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : platform === 'win32'
        ? 'electron.exe'
        : 'electron';
  return vars.ELECTRON_OVERRIDE_DIST_PATH ? path.join(vars.ELECTRON_OVERRIDE_DIST_PATH, exe) : path.join(pkgDir, 'dist', exe);
}

const electronPath = electronBinaryPath();

test.describe('the packaged shell under Electron', () => {
  test.skip(!existsSync(electronPath), 'no Electron binary on this machine');
  test.skip(!existsSync(path.join(root, 'out', 'main', 'index.js')), 'build first: npx electron-vite build');

  test('starts one secure window on app://, answers IPC, and keeps running when the window closes', async () => {
    const platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
    const sandbox = makeSandboxHome({
      platform,
      files: { [platform === 'linux' ? '.docker/config.json' : '.finch/config.json']: { auths: { 'ghcr.io': { auth: basicAuth('dana', 'pw') } } } },
    });
    const app = await electron.launch({
      executablePath: electronPath,
      // Chromium refuses to run as root with its sandbox (CI containers); the renderer keeps `sandbox: true`.
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, ...sandbox.vars, ...(platform === 'linux' ? { DOCKER_CONFIG: path.join(sandbox.home, '.docker') } : {}) } as Record<string, string>,
      timeout: 30_000,
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://finch-logins/index.html');
      await expect(page.getByRole('table', { name: 'Registries' }).getByRole('rowheader', { name: 'ghcr.io', exact: true })).toBeVisible();

      // No Node in the page (nodeIntegration off, sandboxed), and only the one domain object (contextIsolation).
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { finchLogins: object }).finchLogins).sort())).toEqual([...channelNames, 'on'].sort());
      // New windows are refused.
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);

      // Closing the window leaves the app in the tray.
      await page.close();
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
      expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true);
    } finally {
      await app.close();
      sandbox.remove();
    }
  });
});
