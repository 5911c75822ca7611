// A throwaway home for one test: files laid out as on the chosen platform, and the environment variables
// that point the app at it. Nothing outside the temp folder is read or written.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Every sandbox made in this test file, removed after it by test/support/cleanup.ts. */
const made = new Set<string>();

/** Removes every sandbox made so far (a test may remove its own earlier; removing twice is harmless). */
export function removeSandboxes(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

/** An empty folder in the temp directory, removed after the test file like the sandboxes. */
export function tempDir(prefix = 'finch-logins-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function makeSandbox(opts: SandboxOptions): Sandbox {
  const dir = tempDir();
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

/**
 * A credential helper stand-in that keeps logins as files in `storeDir`, speaking docker's helper protocol.
 * Bash builtins only: helpers run with the app's search folders as PATH, which has no coreutils. Server URLs
 * containing "fail-store" are refused on store; "lossy" ones come back from get with another secret.
 */
export function fakeCredentialStoreScript(storeDir: string): string {
  return `#!/bin/bash
D=${JSON.stringify(storeDir)}
[ -d "$D" ] || { echo "store folder missing"; exit 1; }
key() { local k="\${1//[\\/:]/_}"; echo "$D/$k"; }
case "$1" in
  store)
    IFS= read -r j
    u="\${j#*\\"ServerURL\\":\\"}"; u="\${u%%\\"*}"
    case "$u" in *fail-store*) echo "store refused for $u"; exit 1;; esac
    case "$u" in *lossy*) j="\${j/\\"Secret\\":\\"/\\"Secret\\":\\"x}";; esac
    printf '%s\\n' "$j" > "$(key "$u")";;
  get)
    IFS= read -r u
    f="$(key "$u")"
    [ -f "$f" ] || { echo "credentials not found in native keychain"; exit 1; }
    IFS= read -r j < "$f"; printf '%s\\n' "$j";;
  erase) echo "erase is not supported by this stand-in"; exit 1;;
  list)
    out="{"; sep=""
    for f in "$D"/*; do
      [ -f "$f" ] || continue
      IFS= read -r j < "$f"
      u="\${j#*\\"ServerURL\\":\\"}"; u="\${u%%\\"*}"
      n="\${j#*\\"Username\\":\\"}"; n="\${n%%\\"*}"
      out="$out$sep\\"$u\\":\\"$n\\""; sep=","
    done
    echo "$out}";;
  *) echo "unknown command $1"; exit 1;;
esac
`;
}

/** A helper stand-in that never answers (for timeouts). */
export const hungHelperScript = '#!/bin/sh\nexec /bin/sleep 30\n';

/** Where Finch's files sit in a sandbox of each platform (relative to the sandbox root), as paths.ts lays them out. */
export interface PlatformLayout {
  configJson: string;
  finchYaml: string;
  finchCredHelpers: string;
  /** macOS only: where the fix copies the keychain helper, and Finch's bundled copy. */
  usrLocalBin: string;
  bundledHelpers: string;
}

export function platformLayout(platform: Platform): PlatformLayout {
  switch (platform) {
    case 'darwin':
      return {
        configJson: 'home/.finch/config.json',
        finchYaml: 'home/.finch/finch.yaml',
        finchCredHelpers: 'home/.finch/cred-helpers',
        usrLocalBin: 'root/usr/local/bin',
        bundledHelpers: 'root/Applications/Finch/cred-helpers',
      };
    case 'win32':
      return {
        configJson: 'home/AppData/Local/.finch/config.json',
        finchYaml: 'home/AppData/Local/.finch/finch.yaml',
        finchCredHelpers: 'home/AppData/Local/.finch/cred-helpers',
        usrLocalBin: 'root/usr/local/bin',
        bundledHelpers: 'root/Program Files/Finch/cred-helpers',
      };
    case 'linux':
      return {
        // Finch on Linux runs as root: root's docker config, which is the sandbox home when the tests run as root.
        configJson: process.getuid?.() === 0 ? 'home/.docker/config.json' : 'root/root/.docker/config.json',
        finchYaml: 'root/etc/finch/finch.yaml',
        finchCredHelpers: 'root/usr/libexec/finch/cred-helpers',
        usrLocalBin: 'root/usr/local/bin',
        bundledHelpers: 'root/usr/libexec/finch/cred-helpers',
      };
  }
}

/**
 * A `finch` stand-in whose VM can be stopped and started: the state lives in `stateFile` (Running when absent).
 * Stop and start print Finch's logrus lines on stderr and wait FAKE_FINCH_VM_SLEEP seconds when set; a stop or
 * start fails when FAKE_FINCH_VM_FAIL names it. Bash builtins plus /bin/sleep only (it runs with a minimal PATH).
 */
export function fakeFinchVmScript(stateFile: string, version = 'v1.19.0'): string {
  return `#!/bin/bash
S=${JSON.stringify(stateFile)}
log() { echo "time=\\"2026-01-01T00:00:00Z\\" level=$1 msg=\\"$2\\"" >&2; }
case "$1 $2" in
  "--version "*) echo "finch version ${version}";;
  "vm status") if [ -f "$S" ]; then IFS= read -r s < "$S"; echo "$s"; else echo Running; fi;;
  "vm stop"|"vm start")
    [ "$FAKE_FINCH_VM_FAIL" = "$2" ] && { log fatal "failed to $2 the instance"; exit 1; }
    log info "$2: working on the Finch virtual machine..."
    [ -n "$FAKE_FINCH_VM_SLEEP" ] && /bin/sleep "$FAKE_FINCH_VM_SLEEP"
    if [ "$2" = stop ]; then echo Stopped > "$S"; else echo Running > "$S"; fi
    echo "Finch virtual machine $2 done"
    log info "Finch virtual machine $2 successfully";;
  *) log fatal "unsupported in this stand-in"; exit 1;;
esac
`;
}
