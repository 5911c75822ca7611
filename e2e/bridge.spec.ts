// The harness's bridge behaves like the preload + main's IPC wrapper: the contract's methods and nothing else,
// envelopes for every answer, schema checks before any handler runs.
import { channelNames } from '../shared/contract';
import { expect, test } from './harness';

test('the window gets exactly the contract’s methods, and only the emit hook of the harness', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome({ platform: 'linux' }));
  const seen = await page.evaluate(() => ({
    methods: Object.keys(window.finchLogins).sort(),
    frozen: Object.isFrozen(window.finchLogins),
    plumbing: Object.getOwnPropertyNames(window).filter((k) => /finch/i.test(k) && k !== 'finchLogins'),
  }));
  expect(seen.methods).toEqual([...channelNames, 'on'].sort());
  expect(seen.frozen).toBe(true);
  // The invoke and CSP bindings live only in the bridge's closure; the emit hook (for app.emit) stays hidden.
  expect(seen.plumbing).toEqual(['__finchLoginsHarness']);
});

test('a request that does not match its schema is refused before any handler runs', async ({ app, page, sandboxHome }) => {
  const home = sandboxHome({ platform: 'darwin' });
  let reached = false;
  await app.open(home, { handlers: (real) => ({ ...real, setProfile: async (req) => ((reached = true), real.setProfile(req)) }) });
  const answer = await page.evaluate(() => (window.finchLogins.setProfile as (r: unknown) => Promise<unknown>)({ host: 42 }));
  expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  expect(reached).toBe(false);
});

test('subscribing to an unknown event throws, as the preload does', async ({ app, page, sandboxHome }) => {
  await app.open(sandboxHome({ platform: 'darwin' }));
  const message = await page.evaluate(() => {
    try {
      (window.finchLogins.on as (e: string, l: () => void) => () => void)('noSuchEvent', () => undefined);
      return 'no error';
    } catch (e) {
      return (e as Error).message;
    }
  });
  expect(message).toBe('Unknown event: noSuchEvent');
});
