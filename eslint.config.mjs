// Boundaries are lint rules: the renderer never reaches Node or Electron, the core never reaches Electron,
// shared/ stays environment-free, and only the preload and main/app/ipc.ts touch IPC.
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'main/core stays Electron-free: put Electron code in main/app.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/core/**', 'main/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.finchLogins.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node: ask main through the contract.' },
            { group: ['**/main/**', '../main/*', '../../main/*'], message: 'The renderer imports only shared/.' },
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
          paths: [{ name: 'electron', message: 'shared/ is environment-free.' }],
          patterns: [
            { group: ['node:*'], message: 'shared/ is environment-free.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared/ imports nothing of the shells.' },
          ],
        },
      ],
    },
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
