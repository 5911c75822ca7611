// The boundaries in eslint.config.mjs hold: each planted violation is an error, and the same import from a place
// allowed to make it is not (so the rule is about the boundary, not the import).
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The messages ESLint gives for `code` as if it were the file at `rel` (nothing is written). */
async function lint(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, rel) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// The first lint loads the config, the TypeScript parser and the plugins: seconds on a busy machine.
const slow = { timeout: 30_000 };
beforeAll(() => lint('shared/warm-up.ts', 'export const x = 1;\n'), 60_000);

describe('layer boundaries', slow, () => {
  it.each([
    ['main/core/planted.ts', "import { tray } from '../app/tray';\nexport const x = tray;\n", /main\/core serves the shells/],
    ['main/core/login/planted.ts', "import { runCli } from '../../cli/index';\nexport const x = runCli;\n", /main\/core serves the shells/],
    ['main/core/planted.ts', "import { app } from 'electron';\nexport const x = app;\n", /Electron-free/],
    ['main/app/planted.ts', "import { formatRemaining } from '../cli/status-command';\nexport const x = formatRemaining;\n", /The app does not import the CLI/],
    ['main/cli/planted.ts', "import { createTray } from '../app/tray';\nexport const x = createTray;\n", /The CLI does not import the app/],
    ['renderer/planted.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n", /The renderer has no Node/],
    ['renderer/planted.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", /The renderer has no Node/],
    ['renderer/components/planted.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /window\.finchLogins/],
    ['renderer/store/planted.ts', "import { login } from '../../main/core/login/login-service';\nexport const x = login;\n", /imports only shared/],
    ['renderer/planted.ts', "import { api } from '../preload/index';\nexport const x = api;\n", /imports only shared/],
    ['shared/planted.ts', "import path from 'path';\nexport const x = path;\n", /environment-free/],
    ['shared/planted.ts', "import { Failure } from '../main/core/failure';\nexport const x = Failure;\n", /imports nothing of the shells/],
  ])('%s: %s is refused', async (file, code, why) => {
    const messages = await lint(file, code);
    expect(messages.some((m) => m.startsWith('no-restricted-imports:') && why.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['main/app/planted.ts', "import { app } from 'electron';\nimport { login } from '../core/login/login-service';\nexport const x = [app, login];\n"],
    ['main/cli/planted.ts', "import { readFile } from 'node:fs/promises';\nimport { login } from '../core/login/login-service';\nexport const x = [readFile, login];\n"],
    ['renderer/planted.ts', "import { formatRemaining } from '../shared/format';\nexport const x = formatRemaining;\n"],
  ])('%s may import what its layer allows', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('React hooks rules in the renderer', slow, () => {
  it('a hook called conditionally is an error', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function Row({ open }: { open: boolean }) {',
      '  if (open) {',
      '    const [n] = useState(0);',
      '    return n;',
      '  }',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await lint('renderer/components/planted.tsx', code)).toContainEqual(expect.stringMatching(/^react-hooks\/rules-of-hooks:/));
  });

  it('an effect missing a dependency is reported', async () => {
    const code = [
      "import { useEffect } from 'react';",
      'export function Row({ host, load }: { host: string; load: (h: string) => void }) {',
      '  useEffect(() => load(host), []);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await lint('renderer/components/planted.tsx', code)).toContainEqual(expect.stringMatching(/^react-hooks\/exhaustive-deps:/));
  });
});
