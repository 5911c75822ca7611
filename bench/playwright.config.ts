// `npm run bench` (bench/run.mjs) runs bench/paint.spec.ts with this config: the e2e harness's browser and
// settings, one worker, nothing else. Not part of `npm test`: e2e/ holds the specs, this folder the benchmarks.
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'paint.spec.ts',
  outputDir: '../test-results/bench',
  workers: 1,
  retries: 0,
  timeout: 180_000,
});
