// Under a registry row: what the last login attempt came to, in words, with the next step as a control —
// "Run aws sso login", an MFA code field, the password dialog, or the profile picker.
import { useId, useState, type FormEvent } from 'react';
import type { AppError, Registry } from '../../shared/types';
import { useAppStore, type RowOutcome } from '../store';
import { ErrorIcon, Spinner } from './icons';
import { oneLine } from '../../shared/printable';

export function LoginDetail({ registry, outcome }: { registry: Registry; outcome: RowOutcome }) {
  const dismiss = useAppStore((s) => s.dismissOutcome);
  const { result, error } = outcome;

  if (result === 'logged-in') {
    return (
      <div className="login-detail login-detail-good">
        <span className="login-mark" aria-hidden="true">
          ✓
        </span>
        <span>
          Logged in
          {outcome.profile && (
            <>
              {' with profile '}
              <span className="mono">{outcome.profile}</span>
            </>
          )}
          {outcome.warning && (
            <span className="login-detail-hint" role="status">
              {` — but ${outcome.warning.message}`}
              {outcome.warning.hint && ` ${outcome.warning.hint}`}
            </span>
          )}
        </span>
      </div>
    );
  }

  return (
    <div className={result === 'skipped' ? 'login-detail login-detail-skipped' : 'login-detail login-detail-bad'} role={outcome.fromAll ? undefined : 'alert'}>
      {result === 'skipped' ? (
        <span className="login-mark" aria-hidden="true">
          –
        </span>
      ) : (
        <ErrorIcon />
      )}
      <div className="login-detail-body">
        <p className="login-detail-message">
          {result === 'skipped' && <span className="login-detail-tag">Skipped: </span>}
          {error?.message ?? (result === 'skipped' ? 'this registry needs you.' : 'The login failed.')}
        </p>
        {error?.hint && <p className="login-detail-hint">{error.hint}</p>}
        {error && <NextStep registry={registry} error={error} fromAll={outcome.fromAll} />}
      </div>
      <button type="button" className="icon-button" aria-label={`Dismiss the message for ${oneLine(registry.host)}`} title="Dismiss" onClick={() => dismiss(registry.host)}>
        ×
      </button>
    </div>
  );
}

/** The control that answers the error, when there is one. */
function NextStep({ registry, error, fromAll }: { registry: Registry; error: AppError; fromAll: boolean }) {
  const busy = useAppStore((s) => s.busy[registry.host]);
  const ssoThenLogin = useAppStore((s) => s.ssoThenLogin);
  const askPassword = useAppStore((s) => s.askPassword);
  const startVmThenLogin = useAppStore((s) => s.startVmThenLogin);
  const show = useAppStore((s) => s.show);
  const signInSso = useAppStore((s) => s.signInSso);

  switch (error.kind) {
    case 'vm-required':
      return (
        <div className="login-next">
          <button type="button" className="button button-small" disabled={!!busy} onClick={() => void startVmThenLogin(registry.host)}>
            {busy === 'vm' && <Spinner />}
            {busy === 'vm' ? 'Starting the VM…' : 'Start the VM and log in'}
          </button>
          {busy !== 'vm' && <span className="sub">This Finch logs in inside its VM.</span>}
        </div>
      );
    case 'sso-login-needed': {
      const profile = error.detail?.profile;
      if (!profile) return null;
      return (
        <div className="login-next">
          <button type="button" className="button button-small" disabled={!!busy} onClick={() => void ssoThenLogin(registry.host, profile)}>
            {busy === 'sso' && <Spinner />}
            {busy === 'sso' ? 'Waiting for the browser sign-in…' : 'Sign in again'}
          </button>
          {busy !== 'sso' && <span className="sub">Opens your browser to sign in to AWS, then logs in again.</span>}
        </div>
      );
    }
    case 'sso-session-ended':
    case 'sso-signed-out': {
      const session = error.detail?.session;
      if (!session) return null;
      return (
        <div className="login-next">
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              show('sso');
              void signInSso({ session });
            }}
          >
            Sign in to IAM Identity Center
          </button>
          <span className="sub">Opens your browser; then log in again.</span>
        </div>
      );
    }
    case 'needs-mfa':
      // After the row's own Log in the code field takes the focus; after "Log in to all" it waits to be chosen.
      return <MfaForm registry={registry} autoFocus={!fromAll} />;
    case 'needs-password':
      return (
        <div className="login-next">
          <button
            type="button"
            className="button button-small"
            disabled={!!busy}
            onClick={() => askPassword({ host: registry.host, ...(registry.username ? { username: registry.username } : {}) })}
          >
            Enter password…
          </button>
        </div>
      );
    case 'needs-profile':
    case 'profile-missing':
      return registry.kind === 'ecr' || registry.kind === 'ecr-public' ? (
        <p className="sub">Choose a profile in the row above; the next login uses it.</p>
      ) : null;
    default:
      return null;
  }
}

/** A six-digit code from the MFA device, sent with the login once and cleared from the field at once. */
function MfaForm({ registry, autoFocus }: { registry: Registry; autoFocus: boolean }) {
  const busy = useAppStore((s) => s.busy[registry.host]);
  const login = useAppStore((s) => s.login);
  const [code, setCode] = useState('');
  const id = useId();
  const valid = /^\d{6}$/.test(code);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || busy) return;
    const sent = code;
    setCode('');
    void login(registry.host, { mfaCode: sent });
  };

  return (
    <form className="login-next mfa-form" onSubmit={submit}>
      <label htmlFor={id}>MFA code</label>
      <input
        id={id}
        className="text-input mfa-input"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        placeholder="123456"
        autoFocus={autoFocus}
        value={code}
        disabled={!!busy}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
      />
      <button type="submit" className="button button-small button-primary" disabled={!valid || !!busy}>
        {busy === 'login' && <Spinner />}
        Log in
      </button>
    </form>
  );
}
