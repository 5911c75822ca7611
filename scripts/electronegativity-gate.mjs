#!/usr/bin/env node
// Security gate: Electronegativity over the sources of the three Electron layers; fails (exit 1) on any HIGH
// finding, and on any file it could not parse (a file it did not read is a file it did not check).
//
// Why not `npx electronegativity -i … -o report.csv` and read the CSV, as usual: the CLI always exits 0 AND its CSV
// writer is racy — it writes the header (flag 'w') and the findings (flag 'a') with two concurrent async writes,
// so the header can truncate the findings or overwrite their start. Seen here as a corrupted row; a truncated
// report would pass the gate with no findings. The SARIF report is written safely but carries no severity. So the
// gate calls the same runner in-process (the package's main export, which the CLI calls with the same options) and
// reads the findings it returns; `--report <file.csv>` writes them as CSV for CI artifacts.
//
// `-i` takes ONE path, so main/, preload/, renderer/ and shared/ (which they import) are copied into one temporary
// tree with package.json: the global checks (CSP, navigation limits, permission handlers) must see the window's
// options, the preload and the page together. The Electron version is passed (as `-e` would) from the installed
// electron package, since the tool would otherwise look it up online.
//
// Usage: node scripts/electronegativity-gate.mjs [--input <dir>] [--report <file.csv>]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const folders = ['main', 'preload', 'renderer', 'shared'];

/** Electronegativity's issue objects as flat rows (its own CSV columns). */
export function toFindings(issues) {
  return issues.map((i) => ({
    issue: i.id,
    severity: i.severity?.name ?? String(i.severity),
    confidence: i.confidence?.name ?? String(i.confidence),
    filename: i.file,
    location: `${i.location?.line ?? 0}:${i.location?.column ?? 0}`,
    sample: i.sample ?? '',
    description: i.description ?? '',
    url: `https://github.com/doyensec/electronegativity/wiki/${i.id}`,
  }));
}

/** The gate's verdict: exit code and the lines to print. */
export function verdict(findings, parseErrors = []) {
  const high = findings.filter((f) => f.severity.toUpperCase() === 'HIGH');
  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const summary = Object.keys(counts).length ? Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ') : 'no findings';
  const lines = [];
  if (high.length > 0) {
    lines.push(`electronegativity: ${high.length} HIGH finding${high.length === 1 ? '' : 's'} (${summary}):`);
    for (const f of high) lines.push(`  ${f.issue} ${f.filename}:${f.location} — ${f.description}`, `    ${f.sample}`, `    ${f.url}`);
  }
  if (parseErrors.length > 0) {
    const one = parseErrors.length === 1;
    lines.push(`electronegativity: ${one ? '1 file was' : `${parseErrors.length} files were`} not checked, as it could not parse ${one ? 'it' : 'them'}:`);
    for (const e of parseErrors) lines.push(`  ${e.file}: ${e.message}`);
  }
  if (lines.length > 0) return { code: 1, lines };
  return { code: 0, lines: [`electronegativity: no HIGH findings (${summary}) in ${folders.join(', ')}`] };
}

const csvField = (v) => `"${String(v).replace(/"/g, '""')}"`;
export function toCsv(findings) {
  const cols = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];
  return [cols.join(','), ...findings.map((f) => cols.map((c) => csvField(f[c])).join(','))].join('\n') + '\n';
}

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json', { paths: [root] }), 'utf8')).version;
}

/** Scans a folder (default: a copy of the app's sources) and returns the findings and the parse errors. */
export async function scan(input) {
  // Its translations are fetched online for other locales; English ships with it.
  process.env.LANG = 'en-US';
  const run = require('@doyensec/electronegativity');
  let tree = input;
  let work = null;
  if (!tree) {
    work = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
    tree = path.join(work, 'src');
    for (const f of folders) cpSync(path.join(root, f), path.join(tree, f), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(tree, 'package.json'));
  }
  const log = console.log;
  try {
    // The runner reports "could not retrieve translations" and similar offline chatter on stdout.
    console.log = () => undefined;
    const result = await run(
      {
        input: path.resolve(tree),
        isSarif: false,
        customScan: [],
        excludeFromScan: [],
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    return { findings: toFindings(result.issues), parseErrors: result.errors.filter((e) => !e.tolerable) };
  } finally {
    console.log = log;
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { findings, parseErrors } = await scan(arg('--input'));
    const report = arg('--report');
    if (report) writeFileSync(report, toCsv(findings));
    const { code, lines } = verdict(findings, parseErrors);
    for (const l of lines) {
      if (code) console.error(l);
      else console.log(l);
    }
    process.exitCode = code;
  } catch (e) {
    console.error(`electronegativity gate: ${e instanceof Error ? e.stack : e}`);
    process.exitCode = 1;
  }
}
