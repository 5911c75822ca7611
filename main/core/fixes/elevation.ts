// Writing into /usr/local/bin on macOS when the user cannot: the copy runs through macOS's own administrator
// prompt (`osascript … with administrator privileges`). Everything here is a pure function, so the exact command
// the preview shows is the one that runs, and it is unit-tested without a Mac.
import path from 'node:path';

/** A word for /bin/sh: single-quoted, with embedded single quotes closed, escaped and reopened. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** An AppleScript string literal. */
export function appleScriptString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export const osascriptPath = '/usr/bin/osascript';

export function osascriptArgs(shellScript: string): string[] {
  return ['-e', `do shell script ${appleScriptString(shellScript)} with administrator privileges`];
}

/** The command line as the user would type it, for the preview. */
export function commandLine(file: string, args: readonly string[]): string {
  return [file, ...args].map(shellQuote).join(' ');
}

/** Copy through a temp file in the target folder, then rename: atomic, like every other write. */
export function copyScript(source: string, dest: string, mode: number): string {
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.finch-logins.tmp`);
  const q = shellQuote;
  return `mkdir -p ${q(path.dirname(dest))} && cp ${q(source)} ${q(tmp)} && chmod ${mode.toString(8)} ${q(tmp)} && mv -f ${q(tmp)} ${q(dest)}`;
}

export function symlinkScript(target: string, dest: string): string {
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.finch-logins.tmp`);
  const q = shellQuote;
  return `ln -s ${q(target)} ${q(tmp)} && mv -f ${q(tmp)} ${q(dest)}`;
}

export function removeScript(dest: string): string {
  return `rm -f ${shellQuote(dest)}`;
}

export type InstallRoute =
  | { how: 'direct'; command: string }
  | { how: 'osascript'; script: string; command: string }
  | { how: 'refused'; message: string; hint: string };

export interface InstallSituation {
  /** Running on a real Mac (not a macOS-shaped home simulated elsewhere). */
  realMac: boolean;
  /** The target folder (or the nearest existing parent) is writable by us. */
  writable: boolean;
  source: string;
  dest: string;
  mode: number;
}

/** How a program gets copied into a system folder. */
export function installRoute(s: InstallSituation): InstallRoute {
  const plain = `cp ${shellQuote(s.source)} ${shellQuote(s.dest)} && chmod ${s.mode.toString(8)} ${shellQuote(s.dest)}`;
  if (s.writable) return { how: 'direct', command: plain };
  if (s.realMac) {
    const script = copyScript(s.source, s.dest, s.mode);
    return { how: 'osascript', script, command: commandLine(osascriptPath, osascriptArgs(script)) };
  }
  return {
    how: 'refused',
    message: `${path.dirname(s.dest)} is not writable: copying the helper there needs administrator rights.`,
    hint: `Run it as an administrator: sudo ${plain.replace(' && chmod', ' && sudo chmod')}`,
  };
}
