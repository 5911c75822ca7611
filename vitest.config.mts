import { defineConfig } from 'vitest/config';

/** Tests that read the built app in out/ (run `npm run build` first): the bundles with a stand-in Electron, the
 * packaging run, the Electronegativity gate and the built CLI run as another user. The unit project runs without out/. */
const needsBuild = [
  'test/unit/bundles.test.ts',
  'test/unit/shell-packaging.test.ts',
  'test/unit/shell-security-gate.test.ts',
  'test/unit/linux-root-config.test.ts',
  'test/unit/cli-stdin-bytes.test.ts',
];
const setupFiles = ['test/support/cleanup.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: needsBuild, environment: 'node', setupFiles } },
      { test: { name: 'build', include: needsBuild, environment: 'node', setupFiles, testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
