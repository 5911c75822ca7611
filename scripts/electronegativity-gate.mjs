#!/usr/bin/env node
// Security gate: runs Electronegativity over the sources of the three Electron layers and fails on any HIGH
// finding. Electronegativity always exits 0, so the verdict is read from its CSV report.
//
// Its `-i` takes ONE path, so main/, preload/, renderer/ (and shared/, which they import) are copied into one
// temporary tree with package.json: its global checks (CSP, navigation limits, permission handlers) need to see
// the window's options, the preload and the page together. The Electron version is passed with `-e` (from the
// installed electron package) because the tool would otherwise look it up online.
//
// Usage: node scripts/electronegativity-gate.mjs [--keep]   (--keep leaves the CSV and prints its path)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folders = ['main', 'preload', 'renderer', 'shared'];

/** RFC 4180-ish CSV (quoted fields may hold commas and doubled quotes), as Electronegativity writes it. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field.trim());
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Findings as objects keyed by the CSV header (issue, severity, confidence, filename, location, sample, description, url). */
export function findingsFromCsv(text) {
  const [header, ...rows] = parseCsv(text);
  if (!header || !header.includes('severity')) throw new Error('Electronegativity wrote no CSV header: the scan did not run.');
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The gate's verdict: exit code and the lines to print. */
export function verdict(findings) {
  const high = findings.filter((f) => f.severity.toUpperCase() === 'HIGH');
  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  const summary = Object.keys(counts).length
    ? Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')
    : 'no findings';
  if (high.length === 0) {
    return { code: 0, lines: [`electronegativity: no HIGH findings (${summary}) in ${folders.join(', ')}`] };
  }
  return {
    code: 1,
    lines: [
      `electronegativity: ${high.length} HIGH finding${high.length === 1 ? '' : 's'} (${summary}):`,
      ...high.map((f) => `  ${f.issue} ${f.filename}:${f.location} — ${f.description}\n    ${f.sample}\n    ${f.url}`),
    ],
  };
}

function electronVersion() {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve('electron/package.json', { paths: [root] }), 'utf8')).version;
}

function main() {
  const keep = process.argv.includes('--keep');
  const work = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const tree = path.join(work, 'src');
  const csv = path.join(work, 'report.csv');
  try {
    for (const f of folders) cpSync(path.join(root, f), path.join(tree, f), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(tree, 'package.json'));
    const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
    const run = spawnSync(bin, ['-i', tree, '-o', csv, '-e', electronVersion(), '-r', '-v', 'false'], {
      encoding: 'utf8',
      // Its translations are fetched online for non-English locales; English ships with it.
      env: { ...process.env, LANG: 'en-US' },
      shell: process.platform === 'win32',
    });
    if (run.error) throw run.error;
    if (!existsSync(csv)) {
      process.stderr.write(run.stdout + run.stderr);
      throw new Error('Electronegativity produced no report.');
    }
    const { code, lines } = verdict(findingsFromCsv(readFileSync(csv, 'utf8')));
    for (const l of lines) {
      if (code) console.error(l);
      else console.log(l);
    }
    if (keep) console.log(`report: ${csv}`);
    return code;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`electronegativity gate: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  }
}
