// Every check, in the order the window and `finch-logins doctor` list them when all pass.
import type { CheckDefinition } from '../check-definition';
import { awsConfigValid } from './aws-config-valid';
import { awsProfilesPresent } from './aws-profiles-present';
import { configJsonValid } from './config-json-valid';
import { credsStoreSupported } from './creds-store-supported';
import { ecrLoginConfig } from './ecr-login-config';
import { ecrLoginHelper } from './ecr-login-helper';
import { finchInstalled } from './finch-installed';
import { finchVersion } from './finch-version';
import { finchVmRunning } from './finch-vm-running';
import { finchYamlValid } from './finch-yaml-valid';
import { helperResponds } from './helper-responds';
import { loginsExpired } from './logins-expired';
import { osxkeychainHelper } from './osxkeychain-helper';
import { plaintextCredentials } from './plaintext-credentials';
import { vmRestartPending } from './vm-restart-pending';

export const allChecks: readonly CheckDefinition[] = [
  finchInstalled,
  finchVersion,
  finchVmRunning,
  configJsonValid,
  finchYamlValid,
  credsStoreSupported,
  osxkeychainHelper,
  plaintextCredentials,
  ecrLoginHelper,
  ecrLoginConfig,
  awsConfigValid,
  awsProfilesPresent,
  helperResponds,
  vmRestartPending,
  loginsExpired,
];
