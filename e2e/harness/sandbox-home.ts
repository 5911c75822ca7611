// A throwaway home for one spec: the user's files laid out as on the chosen platform, stand-in programs, and the
// environment variables that point the real handler table at it. Nothing outside the temp folder is read or
// written, and the test process's own environment (AWS_PROFILE, DOCKER_CONFIG …) never leaks in.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '../../shared/types';
import { fakeFinchScript, makeSandbox } from '../../test/support/sandbox-home';

export interface SandboxHomeOptions {
  platform: Platform;
  /**
   * Files to create. A relative key is in the home folder ('.finch/config.json', '.aws/config'); a key starting
   * with '/' is a system path under FINCH_LOGINS_ROOT ('/etc/finch/finch.yaml'). Objects are written as JSON.
   */
  files?: Record<string, string | object>;
  /** Executables on PATH (sandbox/bin), e.g. { 'docker-credential-osxkeychain': fakeCredentialHelper({...}) }. */
  programs?: Record<string, string>;
  /** A `finch` stand-in in the platform's usual install folder; absent (the default) means "Finch not found". */
  finch?: { version?: string; vm?: 'Running' | 'Stopped' | 'Nonexistent' };
  /** Finch Logins' own state (state.json in FINCH_LOGINS_STATE_DIR): profile bindings, login expiry times. */
  appState?: object;
  /** Extra or overriding variables (DOCKER_CONFIG, AWS_PROFILE …). */
  vars?: Record<string, string>;
}

export interface SandboxHome {
  /** The sandbox folder (home/, root/, bin/, state/ inside). */
  dir: string;
  home: string;
  root: string;
  platform: Platform;
  /** The variables to give `currentEnv`: HOME, FINCH_LOGINS_PLATFORM, FINCH_LOGINS_ROOT, FINCH_LOGINS_STATE_DIR, PATH … */
  vars: Record<string, string>;
  /** Absolute path of a file named as in `files`. */
  path(key: string): string;
  write(key: string, content: string | object): void;
  read(key: string): string;
  remove(): void;
}

/** Where Finch's installer puts the `finch` command, per platform (found through the core's extra bin folders). */
const finchInstallDir: Record<Platform, string> = {
  darwin: '/usr/local/bin',
  linux: '/usr/bin',
  win32: '/Program Files/Finch/bin',
};

export function makeSandboxHome(opts: SandboxHomeOptions): SandboxHome {
  const rel = (key: string) => (key.startsWith('/') ? path.join('root', key) : path.join('home', key));
  const files: Record<string, string | object> = {};
  for (const [key, content] of Object.entries(opts.files ?? {})) files[rel(key)] = content;
  const programs: Record<string, string> = {};
  for (const [name, script] of Object.entries(opts.programs ?? {})) programs[path.join('bin', name)] = script;
  if (opts.finch) {
    const exe = opts.platform === 'win32' ? 'finch.exe' : 'finch';
    programs[path.join('root', finchInstallDir[opts.platform], exe)] = fakeFinchScript(
      `v${(opts.finch.version ?? '1.19.0').replace(/^v/, '')}`,
      opts.finch.vm ?? 'Running',
    );
  }
  const box = makeSandbox({ platform: opts.platform, files, programs });
  const vars: Record<string, string> = {
    ...box.vars,
    AWS_CONFIG_FILE: path.join(box.home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(box.home, '.aws', 'credentials'),
    ...opts.vars,
  };
  if (opts.appState) {
    const stateDir = vars.FINCH_LOGINS_STATE_DIR!;
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(path.join(stateDir, 'state.json'), JSON.stringify(opts.appState, null, 2));
  }
  return {
    dir: box.dir,
    home: box.home,
    root: box.root,
    platform: opts.platform,
    vars,
    path: (key) => box.file(rel(key)),
    write: (key, content) => box.write(rel(key), content),
    read: (key) => readFileSync(box.file(rel(key)), 'utf8'),
    remove: () => rmSync(box.dir, { recursive: true, force: true }),
  };
}

/** A docker-credential-<name> stand-in whose `list` prints these logins (server → username); `get` finds none. */
export function fakeCredentialHelper(logins: Record<string, string>): string {
  const list = JSON.stringify(logins).replace(/'/g, `'\\''`);
  return `#!/bin/sh
case "$1" in
  list) printf '%s\\n' '${list}';;
  get) cat >/dev/null; echo 'credentials not found in native keychain'; exit 1;;
  *) echo "unsupported in this stand-in: $1"; exit 1;;
esac
`;
}

/** base64("user:secret"), the way docker stores a plaintext login in config.json. */
export function basicAuth(user: string, secret: string): string {
  return Buffer.from(`${user}:${secret}`).toString('base64');
}
