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

/** Where a load's time went, in ms since its navigation start. */
interface Phases {
  parsed: number[];
  /** main received getStatus, and answered it (wall clock, turned into the page's time). */
  asked: number[];
  answered: number[];
}

async function paintedAt(page: Page, phases: Phases | null, calls: { start: number; end: number }[]): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __registriesPaintedAt?: number }).__registriesPaintedAt, undefined, { timeout: 30_000 });
  const [parsed, origin] = await page.evaluate(() => [(window as unknown as { __parsedAt: number }).__parsedAt, performance.timeOrigin]);
  if (phases) {
    const call = calls.find((c) => c.start >= origin!)!;
    phases.parsed.push(parsed!);
    phases.asked.push(call.start - origin!);
    phases.answered.push(call.end - origin!);
  }
  return (await handle.jsonValue()) as number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('page load to registries painted', async ({ browser, sandboxHome }) => {
  const home = sandboxHome(screenshotHome());
  const cold: number[] = [];
  const phases: Phases = { parsed: [], asked: [], answered: [] };
  // When main's side (the real getStatus on this home) ran, as wall-clock times, to tell it apart from the page's own.
  const calls: { start: number; end: number }[] = [];
  const wall = () => performance.timeOrigin + performance.now();
  const timed: Parameters<AppHarness['open']>[1] = {
    handlers: (real) => ({
      ...real,
      getStatus: async (req) => {
        const call = { start: wall(), end: 0 };
        try {
          return await real.getStatus(req);
        } finally {
          call.end = wall();
          calls.push(call);
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
    cold.push(await paintedAt(page, null, calls));
    expect(app.failures).toEqual([]);
    if (i < coldRuns - 1) await context.close();
    else warmPage = { page, app };
  }
  const { page, app } = warmPage!;
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    calls.length = 0;
    await page.reload();
    warm.push(await paintedAt(page, phases, calls));
  }
  expect(app.failures).toEqual([]);
  await expect(page.locator('table.registries tbody tr[data-host]')).toHaveCount(8);
  const w = median(warm);
  console.log(
    `window: page load → registries painted (8 registries, real handlers): warm median ${w.toFixed(0)} ms over ${warmRuns} reloads (min ${Math.min(...warm).toFixed(0)} ms; target ≤ ${warmTargetMs} ms), cold median ${median(cold).toFixed(0)} ms over ${coldRuns} fresh contexts; ` +
      `warm medians: document parsed at ${median(phases.parsed).toFixed(0)} ms, getStatus reaches main at ${median(phases.asked).toFixed(0)} ms and is answered at ${median(phases.answered).toFixed(0)} ms (main's read ${median(phases.answered.map((a, i) => a - phases.asked[i]!)).toFixed(0)} ms), rows painted ${median(warm.map((p, i) => p - phases.answered[i]!)).toFixed(0)} ms after the answer`,
  );
  expect(w, `warm paint ${w.toFixed(0)} ms is over the ${warmTargetMs} ms target`).toBeLessThanOrEqual(warmTargetMs);
});
