// Boundaries are lint rules, not habits (docs/ARCHITECTURE.md draws them):
//   main/core  — Electron-free and shell-free: no electron, nothing of main/app, main/cli, the renderer or the preload.
//   main/app   — the Electron shell: may use the core and shared/, never the CLI.
//   main/cli   — the terminal shell: may use the core and shared/, never Electron or the app.
//   renderer   — a web page: only shared/ and its own files; no Node, no Electron, nothing of main or the preload.
//   shared     — environment-free: no Node, no Electron, nothing of the shells.
// Only the preload and main/app/ipc.ts touch IPC. test/unit/lint-boundaries.test.ts plants a violation of each.
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Node's modules, bare and with the node: prefix ('fs', 'fs/promises', 'node:fs' …). */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`]);
const noNode = (message) => [
  { group: ['node:*'], message },
  { group: nodeBuiltins, message },
];
const noElectron = (message) => ({ name: 'electron', message });
/** An import of one of main's folders (app, cli, core): by its full path, or climbing up into it from a sibling. */
const mainLayer = (...names) => ({ regex: `^(\\.\\./)+(main/)?(${names.join('|')})(/|$)|(^|/)main/(${names.join('|')})(/|$)` });
/** An import of a top-level folder (renderer, preload, main). */
const layer = (...dirs) => ({ group: dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]) });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('main/core stays Electron-free: put Electron code in main/app.')],
          patterns: [
            { ...mainLayer('app', 'cli'), message: 'main/core serves the shells and imports none of them: move the shared piece into main/core or shared/.' },
            { ...layer('renderer', 'preload'), message: 'main/core imports nothing of the window.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...mainLayer('cli'), message: 'The app does not import the CLI: move the shared piece into main/core or shared/.' },
            { ...layer('renderer'), message: 'main imports nothing of the renderer: share through shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('The CLI runs in plain Node: no Electron.')],
          patterns: [
            { ...mainLayer('app'), message: 'The CLI does not import the app: move the shared piece into main/core or shared/.' },
            { ...layer('renderer', 'preload'), message: 'The CLI imports nothing of the window.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('The renderer talks only to window.finchLogins.')],
          patterns: [
            ...noNode('The renderer has no Node: ask main through the contract.'),
            { ...layer('main', 'preload'), message: 'The renderer imports only shared/ and its own files.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('shared/ is environment-free.')],
          patterns: [
            ...noNode('shared/ is environment-free.'),
            { ...layer('main', 'renderer', 'preload'), message: 'shared/ imports nothing of the shells.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },
  {
    files: ['main/**'],
    ignores: ['main/app/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Register handlers through handle() in main/app/ipc.ts.' },
      ],
    },
  },
);
