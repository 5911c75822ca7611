// config.json is written back in the style it was found in: its indentation (docker writes tabs, Finch writes
// one compact line), its line endings and its final newline. Only what a fix changes should show in a diff.
export interface JsonStyle {
  /** null: everything on one line. */
  indent: string | null;
  newline: '\n' | '\r\n';
  finalNewline: boolean;
}

/** Docker's own format, for a file that does not exist yet. */
export const dockerJsonStyle: JsonStyle = { indent: '\t', newline: '\n', finalNewline: true };

export function detectJsonStyle(text: string): JsonStyle {
  const body = text.trim();
  if (body === '') return dockerJsonStyle;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = /\n$/.test(text);
  if (!body.includes('\n')) return { indent: null, newline, finalNewline };
  const m = /\n([ \t]+)\S/.exec(body);
  return { indent: m ? m[1]! : '\t', newline, finalNewline };
}

export function serializeJson(doc: unknown, style: JsonStyle): string {
  let s = style.indent === null ? JSON.stringify(doc) : JSON.stringify(doc, null, style.indent);
  if (style.newline === '\r\n') s = s.replace(/\n/g, '\r\n');
  return s + (style.finalNewline ? style.newline : '');
}
