// "Log in to all" renews every login that is expired, expiring or logged out; "Re-login all" redoes every login the
// app can make (shared/login-all.ts decides, for the tray and the CLI too). Only the rows logged in to show a result;
// the line here counts them, and the valid logins left as they are, until the next refresh.
import type { Registry } from '../../shared/types';
import { canLogIn, loginAllHosts } from '../../shared/login-all';
import { liveState } from '../../shared/login-state';
import { plural } from '../format';
import { useAppStore } from '../store';
import { ErrorNotice } from './error-notice';
import { useNow } from './countdown';
import { useFinchMissing, withoutFinch } from './blocker-notices';
import { busyAttrs } from './focus';
import { Spinner } from './icons';

export function LoginAllButton({ registries }: { registries: Registry[] }) {
  const loggingIn = useAppStore((s) => s.loggingInAll);
  const loginAll = useAppStore((s) => s.loginAll);
  const finchMissing = useFinchMissing();
  const now = useNow();
  const due = loginAllHosts(registries, 'renew', (r) => liveState(r, now)).length;
  const loggable = registries.filter(canLogIn).length;
  return (
    <>
      {loggable > 0 && (
        <button
          type="button"
          className="button"
          {...busyAttrs(loggingIn)}
          onClick={() => !loggingIn && void loginAll('relogin')}
          title="Log in again to every registry Finch Logins can log in to, valid logins included."
          {...withoutFinch(finchMissing)}
        >
          Re-login all
        </button>
      )}
      <button
        type="button"
        className="button button-primary"
        disabled={loggable === 0}
        {...busyAttrs(loggingIn)}
        aria-busy={loggingIn}
        onClick={() => !loggingIn && void loginAll('renew')}
        title={
          loggable === 0
            ? 'No registry here needs a login from Finch Logins.'
            : due === 0
              ? 'Every login is still valid: nothing to renew.'
              : `Log in to ${plural(due, 'registry', 'registries')} whose login is expired, expiring or missing.`
        }
        {...withoutFinch(finchMissing)}
      >
        {loggingIn && <Spinner />}
        {loggingIn ? 'Logging in…' : 'Log in to all'}
      </button>
    </>
  );
}

export function LoginAllSummary() {
  const summary = useAppStore((s) => s.allSummary);
  const error = useAppStore((s) => s.allError);
  const dismiss = useAppStore((s) => s.dismissAll);

  if (error) {
    return (
      <ErrorNotice error={error} className="login-all-summary login-all-failed">
        <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={dismiss}>
          ×
        </button>
      </ErrorNotice>
    );
  }
  if (!summary) return null;
  const parts = [
    summary.loggedIn > 0 && <span className="summary-good">{`${summary.loggedIn} logged in`}</span>,
    summary.failed > 0 && <span className="summary-bad">{`${summary.failed} failed`}</span>,
    summary.skipped > 0 && <span className="summary-skipped">{`${summary.skipped} skipped`}</span>,
    summary.leftAlone > 0 && <span className="summary-left">{`${plural(summary.leftAlone, 'still valid, left as it is', 'still valid, left as they are')}`}</span>,
  ].filter(Boolean);
  const total = summary.loggedIn + summary.failed + summary.skipped;
  const title = summary.mode === 'relogin' ? 'Re-login all' : 'Log in to all';
  return (
    <div className="login-all-summary" role="status">
      <p>
        <span className="summary-title">{total === 0 ? `${title}: nothing was due` : `${title}: ${plural(total, 'registry', 'registries')}`}</span>
        {parts.map((p, i) => (
          <span key={i} className="summary-part">
            {p}
          </span>
        ))}
      </p>
      <button type="button" className="icon-button" aria-label="Dismiss the results" title="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
