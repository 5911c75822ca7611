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
function markPaint(paintedSignal: string): void {
  const w = window as unknown as { __registriesPaintedAt?: number; __parsedAt?: number; __rowsInDomAt?: number };
  document.addEventListener('DOMContentLoaded', () => (w.__parsedAt = performance.now()));
  const seen = () => document.querySelector('table.registries tbody tr');
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    w.__rowsInDomAt = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        w.__registriesPaintedAt = performance.now();
        console.debug(paintedSignal);
      }, 0),
    );
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Where a load's time went, in ms since its navigation start. */
interface Phases {
  parsed: number[];
  /** main received getStatus, and answered it (wall clock, turned into the page's time). */
  asked: number[];
  answered: number[];
  /** React put the first row in the DOM (the paint follows in the next frame). */
  inDom: number[];
}

/**
 * The page says when it painted (a console line), so nothing is evaluated in it while it loads: Playwright's
 * waitForFunction would compile its injected script on the page's main thread (~70 ms in a trace) right when the
 * status arrives, and time its own work as the window's.
 */
const paintedSignal = 'finch-logins-bench: registries painted';
const painted = (page: Page) => page.waitForEvent('console', { predicate: (m) => m.text() === paintedSignal, timeout: 30_000 });

async function paintedAt(page: Page, signal: Promise<unknown>, phases: Phases | null, calls: { start: number; end: number }[]): Promise<number> {
  await signal;
  const [paintedMs, parsed, origin, inDom] = await page.evaluate(() => {
    const w = window as unknown as { __registriesPaintedAt: number; __parsedAt: number; __rowsInDomAt: number };
    return [w.__registriesPaintedAt, w.__parsedAt, performance.timeOrigin, w.__rowsInDomAt];
  });
  if (phases) {
    const call = calls.find((c) => c.start >= origin!)!;
    phases.parsed.push(parsed!);
    phases.asked.push(call.start - origin!);
    phases.answered.push(call.end - origin!);
    phases.inDom.push(inDom!);
  }
  return paintedMs!;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('page load to registries painted', async ({ browser, sandboxHome }) => {
  const home = sandboxHome(screenshotHome());
  const cold: number[] = [];
  const phases: Phases = { parsed: [], asked: [], answered: [], inDom: [] };
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
    await page.addInitScript(markPaint, paintedSignal);
    const app = new AppHarness(page);
    const signal = painted(page);
    await app.open(home, timed);
    cold.push(await paintedAt(page, signal, null, calls));
    expect(app.failures).toEqual([]);
    if (i < coldRuns - 1) await context.close();
    else warmPage = { page, app };
  }
  const { page, app } = warmPage!;
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    calls.length = 0;
    const signal = painted(page);
    await page.reload();
    warm.push(await paintedAt(page, signal, phases, calls));
  }
  expect(app.failures).toEqual([]);
  await expect(page.locator('table.registries tbody tr[data-host]')).toHaveCount(8);
  const w = median(warm);
  console.log(
    `window: page load → registries painted (8 registries, real handlers): warm median ${w.toFixed(0)} ms over ${warmRuns} reloads (min ${Math.min(...warm).toFixed(0)} ms; target ≤ ${warmTargetMs} ms), cold median ${median(cold).toFixed(0)} ms over ${coldRuns} fresh contexts; ` +
      `warm medians: document parsed at ${median(phases.parsed).toFixed(0)} ms, getStatus reaches main at ${median(phases.asked).toFixed(0)} ms and is answered at ${median(phases.answered).toFixed(0)} ms (main's read ${median(phases.answered.map((a, i) => a - phases.asked[i]!)).toFixed(0)} ms), rows in the DOM ${median(phases.inDom.map((d, i) => d - phases.answered[i]!)).toFixed(0)} ms after the answer and painted ${median(warm.map((p, i) => p - phases.inDom[i]!)).toFixed(0)} ms after that`,
  );
  expect(w, `warm paint ${w.toFixed(0)} ms is over the ${warmTargetMs} ms target`).toBeLessThanOrEqual(warmTargetMs);
});
