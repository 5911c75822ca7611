// The e2e harness: `test` and `expect` for specs, with `app` (the window under test) and `sandboxHome`
// (a throwaway home, removed after the spec). See e2e/README.md.
import { test as base, expect } from '@playwright/test';
import { AppHarness } from './app';
import { makeSandboxHome, type SandboxHome, type SandboxHomeOptions } from './sandbox-home';

interface Fixtures {
  app: AppHarness;
  sandboxHome: (opts: SandboxHomeOptions) => SandboxHome;
}

export const test = base.extend<Fixtures>({
  sandboxHome: async ({}, use) => {
    const made: SandboxHome[] = [];
    await use((opts) => {
      const home = makeSandboxHome(opts);
      made.push(home);
      return home;
    });
    for (const home of made) home.remove();
  },
  app: async ({ page }, use) => {
    const app = new AppHarness(page);
    await use(app);
    expect(app.failures, 'the window logged errors, threw, broke its CSP or tried the network').toEqual([]);
  },
});

export { expect };
export { AppHarness } from './app';
export { registries, registryRow } from './locators';
export { pageState, type PageState } from './page-state';
export { basicAuth, fakeCredentialHelper, makeSandboxHome, type SandboxHome, type SandboxHomeOptions } from './sandbox-home';
