// Builds the CLI into one file in out/cli. npm packages stay external (they are installed beside it), so the AWS
// SDK is only loaded when a login imports it. Those lazy import()s are compiled to require(): Node's ESM loader
// would pre-parse every CommonJS package it imports for its export names, which costs a login ~35 ms of the SDK's
// ~90 ms load (bench/login.mjs).
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const outfile = 'out/cli/finch-logins.js';
await build({
  entryPoints: ['main/cli/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  supported: { 'dynamic-import': false },
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
