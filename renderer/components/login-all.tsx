// "Log in to all": every registry that needs no typing (ECR, ECR Public, remembered passwords) at once. Each
// row then shows its own result; the line here counts them, until the next refresh.
import type { Registry } from '../../shared/types';
import { onDemand, plural } from '../format';
import { useAppStore } from '../store';
import { ErrorNotice } from './error-notice';
import { Spinner } from './icons';

export function LoginAllButton({ registries }: { registries: Registry[] }) {
  const loggingIn = useAppStore((s) => s.loggingInAll);
  const loginAll = useAppStore((s) => s.loginAll);
  const eligible = registries.filter((r) => !onDemand(r)).length;
  return (
    <button
      type="button"
      className="button button-primary"
      disabled={loggingIn || eligible === 0}
      aria-busy={loggingIn}
      onClick={() => void loginAll()}
      title={eligible === 0 ? 'No registry here needs a login from Finch Logins.' : 'Log in to every registry that needs no typing: ECR, ECR Public and remembered passwords.'}
    >
      {loggingIn && <Spinner />}
      {loggingIn ? 'Logging in…' : 'Log in to all'}
    </button>
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
  ].filter(Boolean);
  const total = summary.loggedIn + summary.failed + summary.skipped;
  return (
    <div className="login-all-summary" role="status">
      <p>
        <span className="summary-title">{`Log in to all: ${plural(total, 'registry', 'registries')}`}</span>
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
