// How a window or a CLI that is not root gets Finch on Linux to run as root (Finch's docs: run finch with sudo).
// The choice is a pure function of the situation, so every case is tested without sudo or polkit:
//   root already                          → finch directly
//   sudo works without a password         → `sudo -n DOCKER_CONFIG=… finch …` per call (no prompt at all)
//   else pkexec and a desktop session     → one `pkexec` per batch: the desktop's password dialog once, then a root
//                                           shell that runs each `finch login` of the batch (root-session.ts)
//   else                                  → a clear message saying what to install or allow.
// `sudo -E` is not used: keeping the environment needs SETENV in sudoers, and keeps the user's HOME, so nerdctl would
// write ~user/.docker as root. The one variable finch needs is passed by name instead (finchVars in finch-invocation).
import type { Env } from '../env';
import { Failure } from '../failure';
import type { Paths } from '../paths';
import { findExecutable } from '../process/find-executable';
import { finch as runFinch } from '../finch/finch';

export interface RootSituation {
  isRoot: boolean;
  sudo: string | null;
  /** `sudo -n` ran finch (with DOCKER_CONFIG) without asking for a password. */
  sudoWithoutPassword: boolean;
  pkexec: string | null;
  /** A desktop session (DISPLAY or WAYLAND_DISPLAY): where pkexec finds a polkit agent to show its dialog. */
  desktop: boolean;
}

export type RootAccess =
  | { how: 'direct' }
  | { how: 'sudo'; sudo: string }
  | { how: 'pkexec'; pkexec: string }
  | { how: 'none'; message: string; hint: string };

const allowHint = (finch: string) =>
  `or let finch run without a password: \`echo "$USER ALL=(root) NOPASSWD:SETENV: ${finch}" | sudo tee /etc/sudoers.d/finch-logins\``;

/** Pure: how finch gets root on this machine. macOS and Windows run finch as the user. */
export function chooseRootAccess(platform: Env['platform'], finch: string, s: RootSituation): RootAccess {
  if (platform !== 'linux' || s.isRoot) return { how: 'direct' };
  if (s.sudo && s.sudoWithoutPassword) return { how: 'sudo', sudo: s.sudo };
  if (s.pkexec && s.desktop) return { how: 'pkexec', pkexec: s.pkexec };
  const why = s.pkexec
    ? 'pkexec, which asks for it in a dialog, needs a desktop session and there is none here'
    : 'pkexec, which asks for it in a dialog, is not installed';
  if (!s.sudo && !s.pkexec) {
    return {
      how: 'none',
      message: 'Finch on Linux runs as root, and neither sudo nor pkexec is installed to get root rights.',
      hint: `Install pkexec (\`apt install pkexec\`, or policykit-1 on older systems) for a password dialog, or run finch-logins as root.`,
    };
  }
  return {
    how: 'none',
    message: `Finch on Linux runs as root. sudo asks for a password, which the app cannot type, and ${why}.`,
    hint: s.pkexec
      ? `Run finch-logins from your desktop session, ${allowHint(finch)}.`
      : `Install pkexec (\`sudo apt install pkexec\`, or policykit-1 on older systems), ${allowHint(finch)}.`,
  };
}

/**
 * `sudo -n DOCKER_CONFIG=… <finch>`: the arguments before finch's own. The variables are passed by name, which sudo
 * allows for rules that match ALL or carry SETENV (-E would need SETENV too, and would keep the user's HOME).
 */
export function sudoPrefix(finch: string, vars: Record<string, string>): string[] {
  return ['-n', ...Object.entries(vars).map(([k, v]) => `${k}=${v}`), finch];
}

const probeTimeoutMs = 10_000;

/** The machine's situation: which programs exist, and whether sudo lets finch run without a password. */
export async function rootSituation(env: Env, paths: Paths, finch: string, finchVars: Record<string, string>, childVars: Record<string, string | undefined>): Promise<RootSituation> {
  const desktop = !!(env.vars.DISPLAY || env.vars.WAYLAND_DISPLAY);
  if (env.platform !== 'linux' || env.isRoot) return { isRoot: env.isRoot, sudo: null, sudoWithoutPassword: false, pkexec: null, desktop };
  const sudo = findExecutable('sudo', env, paths);
  const pkexec = findExecutable('pkexec', env, paths);
  // The exact command a login will run, asking only for the version: -n fails at once instead of prompting.
  const probe = sudo
    ? await runFinch({ file: sudo, prefix: sudoPrefix(finch, finchVars), env: childVars, finchPath: finch, paths }, ['--version'], {
        timeoutMs: probeTimeoutMs,
        expected: { refused: () => true },
      }).catch(() => null)
    : null;
  return { isRoot: false, sudo, sudoWithoutPassword: !!probe && !probe.expected, pkexec, desktop };
}

export function needsRoot(access: Extract<RootAccess, { how: 'none' }>): Failure {
  return new Failure('needs-root', access.message, access.hint);
}
