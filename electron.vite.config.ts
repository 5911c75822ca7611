// electron-vite builds the three root-level bundles. Inputs are explicit because the folders are not in src/.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { devServerPolicy } from './main/app/security';

/** The page's CSP, loosened for the dev server only (see devServerPolicy); `apply: 'serve'` keeps builds strict. */
const devServerCsp: Plugin = {
  name: 'finch-logins-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/(http-equiv="Content-Security-Policy"\s+content=")([^"]+)"/, (_m, head: string, csp: string) => `${head}${devServerPolicy(csp)}"`),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'main/app/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require(): it must be one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), devServerCsp],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the window's script is parsed on every open (issue 12: 715 KB with
      // comments → minified), so it is minified here. Main and the preload stay readable for stack traces.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
