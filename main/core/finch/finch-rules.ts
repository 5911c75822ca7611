// What changes between Finch versions, per platform, as read from Finch's source (runfinch/finch; tags v1.14.1,
// v1.15.0, v1.15.1, v1.17.2, v1.18.0 compared). Checks and fixes ask these rules instead of comparing versions
// themselves, and each names the versions it applies to. An unknown version gets the newest rules.
import type { Platform } from '../../../shared/types';
import { compareVersions } from './finch-cli';
import { hostLoginSince } from './finch';

/** macOS: Finch's credential server, which runs host helpers for pulls in the VM (pkg/credserver, from 1.15.0). */
export const credentialServerSince = hostLoginSince;
/** `finch login` sets DOCKER_CONFIG to ~/.finch unless it is set (cmd/finch/login_local.go, from 1.15.1). */
export const loginSetsDockerConfigSince = '1.15.1';
/** The credential server ignores a helper that is a symlink (pkg/credserver/utils_darwin.go lookupHelperPath, 1.18.0). */
export const symlinkedHelpersRejectedSince = '1.18.0';
/** finch.yaml's auto_vm_start, on unless set to false: a stopped VM starts when a command needs it (1.18.0). */
export const autoVmStartSince = '1.18.0';

export interface FinchRules {
  platform: Platform;
  version: string | null;
  /** `finch login` runs on the host (macOS and Windows from 1.15.0; Linux always). Before, inside the VM. */
  hostLogin: boolean;
  /** macOS ≥ 1.15: pulls in the VM ask the host's credential server, which runs host helpers. */
  credentialServer: boolean;
  /** macOS ≥ 1.18.0: that server skips a helper that is a symlink (all helpers, credHelpers entries too). */
  rejectsSymlinks: boolean;
  /**
   * Helpers run inside the VM (Windows, and macOS before 1.15): only what Finch downloads into
   * <finch folder>/cred-helpers for creds_helpers (ecr-login alone) is there, and listing it makes Finch set
   * credsStore to ecr-login at every VM start.
   */
  helpersInVm: boolean;
  /** Finch has a VM at all (not on Linux). */
  hasVm: boolean;
  /** ≥ 1.18.0: a stopped VM starts by itself when auto_vm_start is not false. */
  autoVmStart: boolean;
}

const atLeast = (version: string | null, since: string) => version === null || compareVersions(version, since) >= 0;

export function finchRules(platform: Platform, version: string | null): FinchRules {
  const mac = platform === 'darwin';
  const hostLogin = platform === 'linux' || atLeast(version, hostLoginSince);
  return {
    platform,
    version,
    hostLogin,
    credentialServer: mac && atLeast(version, credentialServerSince),
    rejectsSymlinks: mac && atLeast(version, symlinkedHelpersRejectedSince),
    helpersInVm: platform === 'win32' || (mac && !atLeast(version, credentialServerSince)),
    hasVm: platform !== 'linux',
    autoVmStart: platform !== 'linux' && atLeast(version, autoVmStartSince),
  };
}

/** "Finch 1.17.2" or "this Finch" when the version is unknown. */
export function finchName(rules: FinchRules): string {
  return rules.version ? `Finch ${rules.version}` : 'this Finch';
}
