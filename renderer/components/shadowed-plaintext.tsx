// Under a row's credentials: a password left in plain text in config.json that Finch never reads, because a helper
// or the credsStore answers for the registry (docker/cli's GetCredentialsStore). Said in words, not on hover, with
// Health's fix to move it when that check offers one.
import type { Registry } from '../../shared/types';
import { useAppStore } from '../store';
import { WarningIcon } from './icons';

export function ShadowedPlaintext({ registry: r }: { registry: Registry }) {
  // The move stores into the credsStore; a registry a per-registry helper (ecr-login) answers for is left as it is
  // (catalog/plaintext-move.ts), so its row offers no fix.
  const fix = useAppStore((s) => (r.auth === 'creds-store' ? s.checks?.find((c) => c.id === 'plaintext-credentials')?.fix : undefined));
  const show = useAppStore((s) => s.show);
  const openFix = useAppStore((s) => s.openFix);
  if (!r.plaintextShadowed) return null;
  const reader = r.helper ? <span className="mono">{r.helper}</span> : 'the credential store';
  const where =
    r.auth === 'cred-helper' ? (
      <>Finch asks {reader} instead.</>
    ) : r.state === 'logged-out' ? (
      <>Finch reads {reader}, which holds no login for it: Finch is logged out.</>
    ) : r.state === 'unknown' ? (
      <>Finch reads {reader} instead.</>
    ) : (
      <>Finch uses the login in {reader}.</>
    );
  return (
    <p className="shadowed-plaintext">
      <WarningIcon />
      <span>
        A password in plain text in config.json is not used: {where}
        {fix && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                show('health');
                void openFix(fix, 'plaintext-credentials');
              }}
            >
              Move plain-text passwords into {fix.id === 'osxkeychain-setup' || r.helper === 'osxkeychain' ? 'the keychain' : 'the credential store'}…
            </button>
          </>
        )}
      </span>
    </p>
  );
}
