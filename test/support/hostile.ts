// Shared by the hostile-file and fuzz tests: a sandbox whose programs are tripwires (any run that could write is
// recorded and rewrites config.json, as finch would), and a byte-exact picture of every file in it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeSandbox, platformLayout, type Sandbox } from './sandbox-home';

export const layout = platformLayout('darwin');

/** Anything a terminal, a menu or a notification would act on or show as it is: C0 controls, DEL, C1, bidi marks and
 * line separators (shared/printable.ts escapes them). Line feed and tab are left to each test: `printable` keeps them. */
export const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The same, with line feed and tab: a value that must stay on one line (oneLine) holds none. */
export const rawLine = new RegExp(`[\\n\\t]|${rawControl.source}`);

/**
 * finch that answers the read-only questions (--version, vm status) and, for anything else, records the call and
 * replaces config.json the way finch does with a file it cannot read (an empty one plus the new login).
 */
export function tripwireFinch(sbDir: string): string {
  return `#!/bin/sh
case "$1 $2" in
  "--version "*) echo "finch version v1.19.0"; exit 0;;
  "vm status") echo "Running"; exit 0;;
esac
echo "finch $*" >> ${JSON.stringify(path.join(sbDir, 'tripwire.log'))}
echo '{"auths":{"ghcr.io":{"auth":"dTpwdw=="}}}' > ${JSON.stringify(path.join(sbDir, layout.configJson))}
echo "Login Succeeded"
`;
}

/** A program a hostile helper name would reach (bin/evil, as docker-credential-x/../evil folds to): records any run. */
export function tripwireProgram(sbDir: string): string {
  return `#!/bin/sh\necho "evil $*" >> ${JSON.stringify(path.join(sbDir, 'tripwire.log'))}\necho '{}'\n`;
}

/** A credential store that holds nothing: `list` and `get` answer, `store` and `erase` are recorded as writes. */
export function tripwireStore(sbDir: string): string {
  return `#!/bin/sh
case "$1" in
  list) echo '{}';;
  get) echo "credentials not found in native keychain"; exit 1;;
  *) echo "store $*" >> ${JSON.stringify(path.join(sbDir, 'tripwire.log'))};;
esac
`;
}

export function hostileSandbox(files: Record<string, string | Buffer>): Sandbox {
  const sb = makeSandbox({ platform: 'darwin' });
  sb.write('bin/finch', tripwireFinch(sb.dir), 0o755);
  sb.write('bin/evil', tripwireProgram(sb.dir), 0o755);
  sb.write('bin/docker-credential-evil', tripwireProgram(sb.dir), 0o755);
  // The keychain helper, so that every fix gets as far as it can: reading is fine, storing or erasing is recorded.
  sb.write('bin/docker-credential-osxkeychain', tripwireStore(sb.dir), 0o755);
  for (const [rel, content] of Object.entries(files)) writeBytes(sb, rel, content);
  return sb;
}

export function writeBytes(sb: Sandbox, rel: string, content: string | Buffer): void {
  if (typeof content === 'string') sb.write(rel, content);
  else {
    sb.write(rel, '');
    writeFileSync(sb.file(rel), content);
  }
}

/** Every file under the sandbox, by relative path → sha256 of its bytes. */
export function picture(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
