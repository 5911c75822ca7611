// A registry row's buttons: Log in (or Re-login) and Log out, each showing its progress. Rows whose credential
// helper fetches a token whenever Finch needs one have nothing to log in to, and say so.
import type { Registry } from '../../shared/types';
import { liveState, onDemand } from '../format';
import { useAppStore } from '../store';
import { useNow } from './countdown';
import { Spinner } from './login-modal';

export function LoginActions({ registry: r }: { registry: Registry }) {
  const busy = useAppStore((s) => s.busy[r.host]);
  const login = useAppStore((s) => s.login);
  const logout = useAppStore((s) => s.logout);
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
  const loginLabel = busy === 'sso' ? 'Signing in…' : busy === 'login' ? 'Logging in…' : loggedIn ? 'Re-login' : 'Log in';

  return (
    <div className="login-actions" aria-busy={!!busy}>
      <button
        type="button"
        className={loggedIn ? 'button button-small' : 'button button-small button-primary'}
        disabled={!!busy}
        onClick={() => void login(r.host)}
        title={loggedIn ? `Log in to ${r.host} again` : `Log in to ${r.host}`}
      >
        {(busy === 'login' || busy === 'sso') && <Spinner />}
        {loginLabel}
      </button>
      {canLogOut && (
        <button type="button" className="button button-small" disabled={!!busy} onClick={() => void logout(r.host)} title={`finch logout ${r.host}`}>
          {busy === 'logout' && <Spinner />}
          {busy === 'logout' ? 'Logging out…' : 'Log out'}
        </button>
      )}
    </div>
  );
}
