// `npm run screenshots`: the pictures in README.md and docs/, made from the built window in the e2e harness. Kept out
// of `npm test` (e2e/ holds the specs; nothing there writes into docs/).
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'docs.spec.ts',
  outputDir: '../test-results/screenshots',
  workers: 1,
  retries: 0,
  timeout: 60_000,
});
