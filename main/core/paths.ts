// Every file and folder the app reads or writes, per platform, built in one place (README.md, "Files per platform",
// has the table).
// Joins use the host's path module: on a real Windows host that is path.win32; a Windows-shaped home simulated
// on Linux (FINCH_LOGINS_PLATFORM=win32) stays readable.
import path from 'node:path';
import type { Env } from './env';

export interface Paths {
  /** Prefix for absolute system paths (/etc/finch, /usr/local/bin …); '' on a real machine. */
  root: string;
  finchDir: string;
  configJson: string;
  finchYaml: string;
  awsConfig: string;
  awsCredentials: string;
  awsSsoCache: string;
  stateDir: string;
  /** Folders searched after PATH for `finch` and `docker-credential-*`: GUI apps on macOS get a minimal PATH. */
  extraBinDirs: string[];
  /** Where Finch's app bundle keeps its osxkeychain helper (macOS). */
  finchBundledHelpers: string;
  /** Where Finch's credential server looks for host helpers (macOS), in its order. */
  credserverBinDirs: string[];
  /** Where Finch downloads helpers named in finch.yaml's creds_helpers. */
  finchCredHelpersDir: string;
}

/** "~/x" → "<home>/x", as the AWS CLI and SDK expand it in AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
function expandUser(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(1)) : p;
}

export function resolvePaths(env: Env): Paths {
  const v = env.vars;
  const root = v.FINCH_LOGINS_ROOT ?? '';
  const sys = (p: string) => (root ? path.join(root, p) : p);
  const home = env.home;
  const dockerConfig = v.DOCKER_CONFIG ? path.join(v.DOCKER_CONFIG, 'config.json') : undefined;
  const awsConfig = v.AWS_CONFIG_FILE ? expandUser(v.AWS_CONFIG_FILE, home) : path.join(home, '.aws', 'config');
  const awsCredentials = v.AWS_SHARED_CREDENTIALS_FILE ? expandUser(v.AWS_SHARED_CREDENTIALS_FILE, home) : path.join(home, '.aws', 'credentials');
  const awsSsoCache = path.join(home, '.aws', 'sso', 'cache');
  const macDirs = ['/usr/local/bin', '/opt/finch/bin', '/opt/homebrew/bin'].map(sys);

  switch (env.platform) {
    case 'darwin': {
      const finchDir = path.join(home, '.finch');
      return {
        root,
        finchDir,
        configJson: dockerConfig ?? path.join(finchDir, 'config.json'),
        finchYaml: path.join(finchDir, 'finch.yaml'),
        awsConfig,
        awsCredentials,
        awsSsoCache,
        stateDir: v.FINCH_LOGINS_STATE_DIR || path.join(home, 'Library', 'Application Support', 'finch-logins'),
        extraBinDirs: macDirs,
        finchBundledHelpers: sys('/Applications/Finch/cred-helpers'),
        credserverBinDirs: ['/opt/finch/bin', '/usr/local/bin', '/opt/homebrew/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'].map(sys),
        finchCredHelpersDir: path.join(finchDir, 'cred-helpers'),
      };
    }
    case 'win32': {
      const local = v.LOCALAPPDATA || path.join(home, 'AppData', 'Local');
      const finchDir = path.join(local, '.finch');
      return {
        root,
        finchDir,
        // `finch login` alone writes %USERPROFILE%\.finch, but the VM reads %LOCALAPPDATA%\.finch: the app runs finch
        // with DOCKER_CONFIG pointing there (login/finch-invocation.ts), so that is the file that matters.
        configJson: dockerConfig ?? path.join(finchDir, 'config.json'),
        finchYaml: path.join(finchDir, 'finch.yaml'),
        awsConfig,
        awsCredentials,
        awsSsoCache,
        stateDir: v.FINCH_LOGINS_STATE_DIR || path.join(local, 'finch-logins'),
        extraBinDirs: [sys('/Program Files/Finch/bin')],
        finchBundledHelpers: sys('/Program Files/Finch/cred-helpers'),
        credserverBinDirs: [],
        finchCredHelpersDir: path.join(finchDir, 'cred-helpers'),
      };
    }
    case 'linux': {
      // Finch on Linux runs as root, so its logins live in root's docker config (nerdctl's default, $HOME/.docker of
      // root; Finch never sets DOCKER_CONFIG there). Our own home is root's only when we are root and not under
      // `sudo -E`, which keeps the user's HOME (SUDO_USER tells).
      const rootHome = env.isRoot && !v.SUDO_USER ? home : sys('/root');
      return {
        root,
        finchDir: sys('/etc/finch'),
        configJson: dockerConfig ?? path.join(rootHome, '.docker', 'config.json'),
        finchYaml: sys('/etc/finch/finch.yaml'),
        awsConfig,
        awsCredentials,
        awsSsoCache,
        stateDir: v.FINCH_LOGINS_STATE_DIR || path.join(v.XDG_CONFIG_HOME || path.join(home, '.config'), 'finch-logins'),
        extraBinDirs: ['/usr/local/bin', '/usr/bin'].map(sys),
        finchBundledHelpers: sys('/usr/libexec/finch/cred-helpers'),
        credserverBinDirs: [],
        finchCredHelpersDir: sys('/usr/libexec/finch/cred-helpers'),
      };
    }
  }
}
