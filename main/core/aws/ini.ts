// The AWS CLI's INI dialect: Python's configparser.RawConfigParser (strict, `=`/`:` delimiters, `#`/`;` full-line
// comments only, a [DEFAULT] section merged into every other section) followed by botocore's raw_config_parse,
// which turns a value that starts on the next, indented lines into a nested dict. Ported from CPython 3.11
// configparser._read and botocore/configloader.py as shipped in Debian's awscli 2.9; any error refuses the
// whole file, as the AWS CLI does ("Unable to parse config file").
import { firstNonSpace, pyRstrip, pySplitlines, pyStrip } from './pystr';

export type IniValue = string | Record<string, string>;
/** Section name (verbatim, case kept) → option name (lower-cased) → value, in file order. */
export type IniSections = Map<string, Map<string, IniValue>>;

export type IniErrorKind =
  | 'bom'
  | 'bad-header'
  | 'missing-section'
  | 'duplicate-section'
  | 'duplicate-option'
  | 'empty-key'
  | 'junk'
  | 'nested';

export interface IniError {
  kind: IniErrorKind;
  line: number;
  /** What is wrong and what to do, with the line number. Never quotes a value: lines may hold secrets. */
  message: string;
}

export type IniResult = { ok: true; sections: IniSections } | { ok: false; error: IniError };

/** configparser's default_section: its options become defaults of every section and it is no section itself. */
const DEFAULT_SECTION = 'DEFAULT';

interface RawOption {
  /** The first line's value, then one entry per continuation (or blank) line; joined with \n at the end. */
  parts: { text: string; line: number }[];
}

class IniParseError extends Error {
  constructor(readonly error: IniError) {
    super(error.message);
  }
}

/** Which AWS file: the config file names profiles `[profile NAME]`, the credentials file `[NAME]`. */
export type AwsFileKind = 'config' | 'credentials';

export function parseIni(text: string, file: AwsFileKind = 'config'): IniResult {
  try {
    return { ok: true, sections: resolve(readSections(text, file === 'credentials' ? '[NAME]' : '[profile NAME]')) };
  } catch (e) {
    if (e instanceof IniParseError) return { ok: false, error: e.error };
    throw e;
  }
}

function fail(kind: IniErrorKind, line: number, message: string): never {
  throw new IniParseError({ kind, line, message: `Line ${line}: ${message}` });
}

/** Key names are safe to show unless they look like something pasted (a value with a `=` or `:` in it). */
const showKey = (key: string) => (/^[a-z0-9_.-]{1,64}$/.test(key) ? `"${key}"` : 'a key');

/** configparser._read: the sections with their raw, unjoined values, and DEFAULT kept apart. */
function readSections(text: string, profileHeader: string): { sections: Map<string, Map<string, RawOption>>; defaults: Map<string, RawOption> } {
  const sections = new Map<string, Map<string, RawOption>>();
  const defaults = new Map<string, RawOption>();
  const seenOptions = new Set<string>(); // section + '\0' + option, as configparser's elements_added
  const firstLine = new Map<string, number>();
  let cursect: Map<string, RawOption> | null = null;
  let sectname = '';
  let optname: string | null = null;
  let indentLevel = 0;

  // Python reads text files with universal newlines: \r\n, \r and \n all end a line.
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (const [i, raw] of lines.entries()) {
    const lineno = i + 1;
    const stripped = pyStrip(raw);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    if (isComment || stripped === '') {
      // A blank line inside a value is part of it (a comment line is not); neither ends a continuation.
      if (!isComment && cursect && optname) cursect.get(optname)?.parts.push({ text: '', line: lineno });
      continue;
    }
    const indent = firstNonSpace(raw);
    if (cursect && optname && indent > indentLevel) {
      // Deeper indented than the option line: a continuation, whatever it looks like (even `[section]`).
      cursect.get(optname)?.parts.push({ text: stripped, line: lineno });
      continue;
    }
    indentLevel = indent;
    const header = sectionHeader(stripped);
    if (header !== null) {
      if (sections.has(header)) {
        fail('duplicate-section', lineno, `section [${header}] appears a second time (first at line ${firstLine.get(header)}): merge the two sections into one`);
      }
      sectname = header;
      if (header === DEFAULT_SECTION) cursect = defaults;
      else {
        cursect = new Map();
        sections.set(header, cursect);
        firstLine.set(header, lineno);
      }
      optname = null;
      continue;
    }
    if (stripped.startsWith('[') && (!cursect || !/[=:]/.test(stripped))) {
      // Python raises MissingSectionHeaderError or ParsingError here; either way the header is the problem.
      fail('bad-header', lineno, `this section header has no name or no closing "]": write it as ${profileHeader} or [default]`);
    }
    if (!cursect) {
      if (lineno === 1 && raw.startsWith('\ufeff')) {
        fail('bom', lineno, 'the file starts with an invisible byte-order mark (BOM): save it again as UTF-8 without BOM');
      }
      fail('missing-section', lineno, `a setting comes before any section header: move it under a [default] or ${profileHeader} header, or delete it`);
    }
    const delim = stripped.search(/[=:]/);
    if (delim < 0) {
      fail('junk', lineno, 'this line is neither a [section] header, a comment, nor a "key = value" setting: fix it, delete it, or start it with # to keep it as a comment');
    }
    const key = pyRstrip(stripped.slice(0, delim)).toLowerCase();
    if (key === '') {
      fail('empty-key', lineno, `there is no key name before the "${stripped[delim]}": add the key name or delete the line`);
    }
    const id = `${sectname}\0${key}`;
    if (seenOptions.has(id)) {
      fail('duplicate-option', lineno, `the key ${showKey(key)} appears twice in section [${sectname}]: keep only one of the two lines`);
    }
    seenOptions.add(id);
    optname = key;
    cursect.set(key, { parts: [{ text: pyStrip(stripped.slice(delim + 1)), line: lineno }] });
  }
  return { sections, defaults };
}

/** configparser's SECTCRE `\[(?P<header>.+)\]` matched at the start: greedy, so up to the LAST `]` on the line. */
function sectionHeader(stripped: string): string | null {
  if (!stripped.startsWith('[')) return null;
  const close = stripped.lastIndexOf(']');
  return close >= 2 ? stripped.slice(1, close) : null;
}

/** RawConfigParser.get for every option (section first, then DEFAULT), then botocore's nested-value parsing. */
function resolve({ sections, defaults }: ReturnType<typeof readSections>): IniSections {
  const out: IniSections = new Map();
  for (const [name, options] of sections) {
    const resolved = new Map<string, IniValue>();
    for (const [key, opt] of [...options, ...[...defaults].filter(([k]) => !options.has(k))]) {
      resolved.set(key, value(key, opt));
    }
    out.set(name, resolved);
  }
  return out;
}

function value(key: string, opt: RawOption): IniValue {
  const joined = pyRstrip(opt.parts.map((p) => p.text).join('\n'));
  // botocore: a value whose first line is empty is a block of `k = v` lines (e.g. `s3 =` + indented settings).
  if (!joined.startsWith('\n')) return joined;
  const nested: Record<string, string> = {};
  for (const part of opt.parts) {
    for (const line of pySplitlines(part.text)) {
      const text = pyStrip(line);
      if (text === '') continue;
      const eq = text.indexOf('=');
      if (eq < 0) {
        fail('nested', part.line, `this line in the indented block under ${showKey(key)} has no "=": write it as "name = value" or delete it`);
      }
      // Nested keys keep their case and a later duplicate wins (a plain dict in botocore); defineProperty so
      // that a key named __proto__ stays data.
      Object.defineProperty(nested, pyStrip(text.slice(0, eq)), { value: pyStrip(text.slice(eq + 1)), enumerable: true, writable: true, configurable: true });
    }
  }
  return nested;
}
