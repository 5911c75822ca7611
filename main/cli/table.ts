// Plain-text tables for the terminal: columns padded to their widest cell. Each cell is one line (oneLine), so a
// value cannot forge a row; widths are found in a loop, as Math.max(...cells) overflows the stack on ~130,000 rows.
import { oneLine } from './output';

export function table(headers: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map(oneLine));
  const widths = headers.map((h) => h.length);
  for (const r of cells) for (const [i, c] of r.entries()) if (i < widths.length && c.length > widths[i]!) widths[i] = c.length;
  const line = (cs: string[]) => cs.map((c, i) => (i === cs.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}
