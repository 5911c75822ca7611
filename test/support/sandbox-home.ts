// A throwaway home for one test: files laid out as on the chosen platform, and the environment variables
// that point the app at it. Nothing outside the temp folder is read or written.
import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../shared/types';

export interface SandboxOptions {
  platform: Platform;
  /** Paths relative to the sandbox root: "home/.finch/config.json", "root/etc/finch/finch.yaml" … */
  files?: Record<string, string | object>;
  /** Executables to create (shell scripts), relative to the sandbox root. */
  programs?: Record<string, string>;
  vars?: Record<string, string>;
}

export interface Sandbox {
  dir: string;
  home: string;
  root: string;
  vars: Record<string, string>;
  file(rel: string): string;
  write(rel: string, content: string | object, mode?: number): void;
}

export function makeSandbox(opts: SandboxOptions): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'finch-logins-test-'));
  const home = path.join(dir, 'home');
  const root = path.join(dir, 'root');
  mkdirSync(home, { recursive: true });
  mkdirSync(root, { recursive: true });
  const file = (rel: string) => path.join(dir, rel);
  const write = (rel: string, content: string | object, mode?: number) => {
    const f = file(rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    if (mode !== undefined) chmodSync(f, mode);
  };
  for (const [rel, content] of Object.entries(opts.files ?? {})) write(rel, content);
  for (const [rel, script] of Object.entries(opts.programs ?? {})) write(rel, script, 0o755);
  const vars: Record<string, string> = {
    HOME: home,
    USERPROFILE: home,
    LOCALAPPDATA: path.join(home, 'AppData', 'Local'),
    FINCH_LOGINS_PLATFORM: opts.platform,
    FINCH_LOGINS_ROOT: root,
    FINCH_LOGINS_STATE_DIR: path.join(dir, 'state'),
    // Only the sandbox's own bin folder and the system's: no finch unless the test provides one.
    PATH: [path.join(dir, 'bin'), '/usr/bin', '/bin'].join(':'),
    ...opts.vars,
  };
  return { dir, home, root, vars, file, write };
}

/** A `finch` stand-in for read-only tests: prints a version and a VM state. */
export function fakeFinchScript(version = 'v1.19.0', vm = 'Running'): string {
  return `#!/bin/sh
case "$1 $2" in
  "--version "*) echo "finch version ${version}";;
  "vm status") echo "${vm}";;
  *) echo 'time="now" level=fatal msg="unsupported in this stand-in"' >&2; exit 1;;
esac
`;
}
