// Serves the built renderer (out/renderer) to Chromium from a private https origin, with the same response
// headers main's app:// protocol sends, so the CSP's 'self' means what it means in the app. Every other request
// is refused: the window must not need the network.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { contentSecurityPolicy } from '../../main/app/security';

export const appOrigin = 'https://finch-logins.local';
export const appEntryUrl = `${appOrigin}/index.html`;
export const rendererDir = path.resolve(__dirname, '..', '..', 'out', 'renderer');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function assertRendererBuilt(): void {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir}/index.html is missing: run \`npx electron-vite build\` before the e2e specs.`);
  }
}

export async function serveRenderer(page: Page, onRefused: (request: Request) => void): Promise<void> {
  assertRendererBuilt();
  // Routes match newest first: the catch-all is registered before the app's origin.
  await page.route('**/*', async (route) => {
    onRefused(route.request());
    await route.abort('blockedbyclient');
  });
  await page.route(`${appOrigin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
    const inside = file.startsWith(rendererDir + path.sep);
    if (route.request().method() !== 'GET' || !inside || !existsSync(file) || !statSync(file).isFile()) {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
      return;
    }
    await route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: {
        'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  });
}
