// One file's change as a fix will make it: the file as the header, then the unified diff with line numbers, added
// lines green with "+", removed lines red with "−" (the sign repeats what the colour says), context in between.
import type { FileChange } from '../../shared/types';
import { plural } from '../format';
import { FilePath } from './file-path';

export type DiffLineKind = 'context' | 'add' | 'del' | 'hunk' | 'note';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  oldNo?: number;
  newNo?: number;
}

export interface ParsedDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
}

const hunkHeader = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

/** Reads a unified diff (`--- a`, `+++ b`, `@@ … @@` hunks); the file header lines are left out. */
export function parseUnifiedDiff(diff: string): ParsedDiff {
  const raw = diff.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const lines: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let added = 0;
  let removed = 0;
  let inHunk = false;
  for (const line of raw) {
    const h = hunkHeader.exec(line);
    if (h) {
      inHunk = true;
      oldNo = Number(h[1]);
      newNo = Number(h[2]);
      lines.push({ kind: 'hunk', text: line });
      continue;
    }
    if (!inHunk) continue; // "--- file", "+++ file" and anything before the first hunk
    if (line.startsWith('\\')) lines.push({ kind: 'note', text: line.slice(1).trim() });
    else if (line.startsWith('+')) {
      lines.push({ kind: 'add', text: line.slice(1), newNo: newNo++ });
      added++;
    } else if (line.startsWith('-')) {
      lines.push({ kind: 'del', text: line.slice(1), oldNo: oldNo++ });
      removed++;
    } else lines.push({ kind: 'context', text: line.startsWith(' ') ? line.slice(1) : line, oldNo: oldNo++, newNo: newNo++ });
  }
  return { lines, added, removed };
}

function Line({ line }: { line: DiffLine }) {
  if (line.kind === 'hunk' || line.kind === 'note') {
    // "@@ … @@" and "\ No newline at end of file": no line numbers, no sign.
    return (
      <span className={`diff-line diff-${line.kind}`}>
        <span className="diff-no" aria-hidden="true" />
        <span className="diff-no" aria-hidden="true" />
        <span className="diff-text">{line.text}</span>
      </span>
    );
  }
  const sign = line.kind === 'add' ? '+' : line.kind === 'del' ? '−' : ' ';
  const body = (
    <>
      <span className="diff-no" aria-hidden="true">
        {line.oldNo ?? ''}
      </span>
      <span className="diff-no" aria-hidden="true">
        {line.newNo ?? ''}
      </span>
      <span className="diff-sign">{sign}</span>
      <span className="diff-text">{line.text}</span>
    </>
  );
  if (line.kind === 'add') return <ins className="diff-line diff-add">{body}</ins>;
  if (line.kind === 'del') return <del className="diff-line diff-del">{body}</del>;
  return <span className="diff-line diff-context">{body}</span>;
}

export function DiffView({ change, home }: { change: FileChange; home: string | null }) {
  const { lines, added, removed } = parseUnifiedDiff(change.diff);
  const name = change.file.split(/[/\\]/).pop() ?? change.file;
  return (
    <figure className="diff" aria-label={`${change.creates ? 'New file' : 'Changes to'} ${name}`}>
      <figcaption className="diff-head">
        <FilePath file={change.file} home={home} />
        {change.creates && <span className="diff-badge">New file</span>}
        <span className="diff-stat" title={`${plural(added, 'line')} added, ${plural(removed, 'line')} removed`}>
          <span className="diff-stat-add">+{added}</span>
          <span className="diff-stat-del">−{removed}</span>
        </span>
      </figcaption>
      <div className="diff-scroll">
        <pre className="diff-lines">
          {lines.map((l, i) => (
            <Line key={i} line={l} />
          ))}
        </pre>
      </div>
    </figure>
  );
}
