// npm run bench: every benchmark, one after the other. Needs `npm run build` first.
import { existsSync } from 'node:fs';
if (!existsSync('out/cli/finch-logins.js')) {
  console.error('Run `npm run build` first: the benchmarks time the built CLI.');
  process.exit(2);
}
await import('./status.mjs');
