// What a registry host is: the pure readings live in shared/registry-host.ts (the renderer uses them too);
// re-exported here so main's imports stay where they were.
export {
  canonicalHost,
  dockerHubHost,
  dockerHubKey,
  ecrHostFor,
  ecrPublicHost,
  loginAddress,
  parseEcrHost,
  parseUserHost,
  recogniseHost,
  registryKind,
  type EcrHost,
  type RecognisedHost,
} from '../../../shared/registry-host';
