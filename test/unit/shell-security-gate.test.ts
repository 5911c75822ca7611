// The Electronegativity gate (scripts/electronegativity-gate.mjs): fails on HIGH findings and on files it could
// not parse, passes the rest with a one-line summary. `npm run lint:security` runs it over the real sources.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { scan, toCsv, toFindings, verdict } from '../../scripts/electronegativity-gate.mjs';

type Finding = { issue: string; severity: string; filename: string; location: string; sample: string; description: string; url: string };

const finding = (issue: string, severity: string): Finding => ({
  issue, severity, filename: 'main/app/window.ts', location: '3:4', sample: 'x', description: 'd', url: `https://github.com/doyensec/electronegativity/wiki/${issue}`,
});

describe('gate verdict', () => {
  it('passes MEDIUM and LOW findings with a one-line summary', () => {
    expect(verdict([finding('PRELOAD_JS_CHECK', 'MEDIUM'), finding('CSP_GLOBAL_CHECK', 'LOW')])).toEqual({
      code: 0,
      lines: ['electronegativity: no HIGH findings (1 MEDIUM, 1 LOW) in main, preload, renderer, shared'],
    });
    expect(verdict([]).lines[0]).toMatch(/no HIGH findings \(no findings\)/);
  });

  it('fails on a HIGH finding and prints it', () => {
    const v = verdict([finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'), finding('PRELOAD_JS_CHECK', 'MEDIUM')]);
    expect(v.code).toBe(1);
    expect(v.lines[0]).toBe('electronegativity: 1 HIGH finding (1 HIGH, 1 MEDIUM):');
    expect(v.lines[1]).toBe('  CONTEXT_ISOLATION_JS_CHECK main/app/window.ts:3:4 — d');
  });

  it('fails when a file could not be parsed (it was not checked)', () => {
    const v = verdict([], [{ file: 'main/x.ts', message: 'Unexpected token (1:10)' }]);
    expect(v).toEqual({ code: 1, lines: ['electronegativity: 1 file was not checked, as it could not parse it:', '  main/x.ts: Unexpected token (1:10)'] });
  });

  it('reads the runner\u2019s issue objects and writes a CSV that survives commas and quotes', () => {
    const [f] = toFindings([{ id: 'X', severity: { name: 'HIGH' }, confidence: { name: 'FIRM' }, file: 'a.ts', location: { line: 1, column: 2 }, sample: 'f("a, b")', description: 'd' }]);
    expect(f).toMatchObject({ issue: 'X', severity: 'HIGH', confidence: 'FIRM', location: '1:2' });
    expect(toCsv([f]).split('\n')[1]).toBe('"X","HIGH","FIRM","a.ts","1:2","f(""a, b"")","d","https://github.com/doyensec/electronegativity/wiki/X"');
  });
});

describe('gate scan', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eng-gate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('catches an insecure window and an unparsable file', async () => {
    mkdirSync(path.join(dir, 'main'));
    writeFileSync(path.join(dir, 'main/index.ts'), "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n");
    writeFileSync(path.join(dir, 'main/broken.ts'), 'const x = ;\n');
    const { findings, parseErrors } = await scan(dir);
    expect(findings).toContainEqual(expect.objectContaining({ issue: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', filename: 'main/index.ts' }));
    expect(parseErrors).toEqual([expect.objectContaining({ message: expect.stringMatching(/Unexpected token/) })]);
    expect(verdict(findings, parseErrors).code).toBe(1);
  }, 60_000);
});
