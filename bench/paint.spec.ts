// Benchmark: from page load to the registries painted, in the e2e harness (the built, minified renderer in
// Chromium, its bridge answered by main's real handler table on the README's realistic macOS home). "Painted" is
// the frame after the first registry row is in the DOM. Cold: a fresh browser context each time; warm: reloads of
// an open window. Target: warm median ≤ 300 ms (issue 12).
import type { Page } from '@playwright/test';
import { AppHarness, expect, test } from '../e2e/harness';
import { screenshotHome } from '../e2e/harness/homes';

const coldRuns = 3;
const warmRuns = 10;
const warmTargetMs = 300;

/**
 * Records performance.now() (ms since navigation start) in the frame after the first registry row appears, and when
 * the document was parsed (the script loaded).
 */
function markPaint(): void {
  const w = window as unknown as { __registriesPaintedAt?: number; __parsedAt?: number };
  document.addEventListener('DOMContentLoaded', () => (w.__parsedAt = performance.now()));
  const seen = () => document.querySelector('table.registries tbody tr');
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.__registriesPaintedAt = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function paintedAt(page: Page, parsed: number[]): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __registriesPaintedAt?: number }).__registriesPaintedAt, undefined, { timeout: 30_000 });
  parsed.push(await page.evaluate(() => (window as unknown as { __parsedAt: number }).__parsedAt));
  return (await handle.jsonValue()) as number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('page load to registries painted', async ({ browser, sandboxHome }) => {
  const home = sandboxHome(screenshotHome());
  const cold: number[] = [];
  const parsed: number[] = [];
  // How long main's side (the real getStatus on this home) takes, to tell it apart from the page's own time.
  const statusMs: number[] = [];
  const timed: Parameters<AppHarness['open']>[1] = {
    handlers: (real) => ({
      ...real,
      getStatus: async (req) => {
        const t0 = performance.now();
        try {
          return await real.getStatus(req);
        } finally {
          statusMs.push(performance.now() - t0);
        }
      },
    }),
  };
  let warmPage: { page: Page; app: AppHarness } | null = null;
  for (let i = 0; i < coldRuns; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(markPaint);
    const app = new AppHarness(page);
    await app.open(home, timed);
    cold.push(await paintedAt(page, []));
    expect(app.failures).toEqual([]);
    if (i < coldRuns - 1) await context.close();
    else warmPage = { page, app };
  }
  const { page, app } = warmPage!;
  const warm: number[] = [];
  statusMs.length = 0;
  for (let i = 0; i < warmRuns; i++) {
    await page.reload();
    warm.push(await paintedAt(page, parsed));
  }
  expect(app.failures).toEqual([]);
  await expect(page.locator('table.registries tbody tr[data-host]')).toHaveCount(8);
  const w = median(warm);
  console.log(
    `window: page load → registries painted (8 registries, real handlers): warm median ${w.toFixed(0)} ms over ${warmRuns} reloads (min ${Math.min(...warm).toFixed(0)} ms; target ≤ ${warmTargetMs} ms), cold median ${median(cold).toFixed(0)} ms over ${coldRuns} fresh contexts; warm: document parsed at ${median(parsed).toFixed(0)} ms, getStatus ${median(statusMs).toFixed(0)} ms (medians)`,
  );
  expect(w, `warm paint ${w.toFixed(0)} ms is over the ${warmTargetMs} ms target`).toBeLessThanOrEqual(warmTargetMs);
});
