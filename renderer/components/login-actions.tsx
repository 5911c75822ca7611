// A registry row's buttons: Log in (or Re-login) and Log out, each showing its progress. Rows whose credential
// helper fetches a token whenever Finch needs one have nothing to log in to, and say so.
import type { Profile, Registry } from '../../shared/types';
import { liveState } from '../../shared/login-state';
import { onDemand, usesPassword, usesProfile } from '../format';
import { useAppStore } from '../store';
import { useNow } from './countdown';
import { useFinchMissing, withoutFinch } from './blocker-notices';
import { busyAttrs, focusSoon, rowButton } from './focus';
import { Spinner } from './icons';
import { ProfilePicker } from './profile-picker';
import { oneLine } from '../../shared/printable';

/** The actions cell: for ECR rows the profile to log in with, above the buttons. */
export function RegistryRowActions({ registry, profiles }: { registry: Registry; profiles: Profile[] }) {
  if (!usesProfile(registry)) return <LoginActions registry={registry} />;
  return (
    <div className="row-actions-stack">
      <ProfilePicker registry={registry} profiles={profiles} />
      <LoginActions registry={registry} />
    </div>
  );
}

export function LoginActions({ registry: r }: { registry: Registry }) {
  const busy = useAppStore((s) => s.busy[r.host]);
  const login = useAppStore((s) => s.login);
  const logout = useAppStore((s) => s.logout);
  const askLogout = useAppStore((s) => s.askLogout);
  const finchMissing = useFinchMissing();
  const now = useNow();

  if (onDemand(r)) {
    return (
      <span className="on-demand" title={`${r.helper ?? 'The helper'} gets a token each time Finch needs one: there is nothing to log in to.`}>
        on demand via <span className="mono">{r.helper}</span>
      </span>
    );
  }

  const state = liveState(r, now);
  const loggedIn = state === 'logged-in' || state === 'expiring' || state === 'expired';
  const canLogOut = state !== 'logged-out';
  const loginLabel = busy === 'sso' ? 'Signing in…' : busy === 'vm' ? 'Starting VM…' : busy === 'login' ? 'Logging in…' : loggedIn ? 'Re-login' : 'Log in';

  return (
    <div className="login-actions" aria-busy={!!busy}>
      <button
        type="button"
        className="button button-small"
        {...busyAttrs(!!busy)}
        onClick={() => !busy && void login(r.host)}
        title={loggedIn ? `Log in to ${oneLine(r.host)} again` : `Log in to ${oneLine(r.host)}`}
        {...withoutFinch(finchMissing)}
      >
        {(busy === 'login' || busy === 'sso') && <Spinner />}
        {loginLabel}
      </button>
      {canLogOut && (
        <button
          type="button"
          className="button button-small"
          data-action="logout"
          {...busyAttrs(!!busy)}
          onClick={() => !busy && (usesPassword(r) ? askLogout(r.host) : void logout(r.host))}
          title={`finch logout ${oneLine(r.host)}`}
          {...withoutFinch(finchMissing)}
        >
          {busy === 'logout' && <Spinner />}
          {busy === 'logout' ? 'Logging out…' : 'Log out'}
        </button>
      )}
    </div>
  );
}

/** Under a password registry's row: log out, keeping or forgetting a password saved in the keychain. */
export function LogoutConfirm({ registry: r }: { registry: Registry }) {
  const logoutNow = useAppStore((s) => s.logout);
  const cancelNow = useAppStore((s) => s.cancelLogout);
  // Answered either way, the focus goes back to the row: its Log out button, or Log in once logged out.
  const back = () => focusSoon(() => rowButton(r.host, 'logout'));
  const cancel = () => {
    cancelNow();
    back();
  };
  const logout = async (host: string, forget?: boolean) => {
    await logoutNow(host, forget);
    back();
  };
  return (
    <div
      className="login-detail login-detail-confirm"
      role="group"
      aria-label={`Log out of ${oneLine(r.host)}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancel();
      }}
    >
      <div className="login-detail-body">
        <p className="login-detail-message">Log out of {oneLine(r.host)}?</p>
        <p className="login-detail-hint">A password saved in the keychain stays for a one-click login later, unless you forget it now.</p>
        <div className="login-next">
          <button type="button" className="button button-small" onClick={() => void logout(r.host)} autoFocus>
            Log out
          </button>
          <button type="button" className="button button-small" onClick={() => void logout(r.host, true)}>
            Log out and forget the password
          </button>
          <button type="button" className="button button-small" onClick={cancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
