// Choosing an IAM Identity Center session and signing in to it: the sessions from ~/.aws/config (or a start URL
// typed once), the state of the chosen one, and while the browser is open, the code to check there.
import { useState, type FormEvent } from 'react';
import { regionPattern } from '../../shared/registry-host';
import type { SsoSessionInfo } from '../../shared/types';
import { useAppStore } from '../store';
import { Spinner } from './icons';

function stateWords(s: SsoSessionInfo): string {
  if (s.state === 'signed-out') return 'Not signed in.';
  if (s.state === 'expired') return 'The session has ended: sign in again.';
  const until = s.expiresAt ? new Date(s.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null;
  return s.canRefresh ? 'Signed in; renewed automatically while the session lasts.' : `Signed in${until ? ` until ${until}` : ''}.`;
}

export function SsoSessionBar() {
  const sessions = useAppStore((s) => s.ssoSessions) ?? [];
  const chosenId = useAppStore((s) => s.ssoChosen);
  const busy = useAppStore((s) => s.ssoBusy);
  const choose = useAppStore((s) => s.chooseSsoSession);
  const signIn = useAppStore((s) => s.signInSso);
  const [typing, setTyping] = useState(sessions.length === 0);
  const chosen = sessions.find((s) => s.id === chosenId) ?? null;

  return (
    <div className="sso-session">
      {sessions.length > 0 && (
        <div className="sso-session-row">
          <label className="sheet-field sso-session-field">
            <span className="sheet-label">Session</span>
            <select className="select" value={chosenId ?? ''} onChange={(e) => void choose(e.target.value)} disabled={busy === 'sign-in'}>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} — {s.region}
                </option>
              ))}
            </select>
          </label>
          {chosen && (
            <>
              <p className={`sso-state sso-state-${chosen.state}`} role="status">
                {stateWords(chosen)}
              </p>
              <button
                type="button"
                className={chosen.state === 'signed-in' ? 'button' : 'button button-primary'}
                onClick={() => void signIn({ session: chosen.id })}
                disabled={busy === 'sign-in'}
              >
                {busy === 'sign-in' && <Spinner />}
                {chosen.state === 'signed-out' ? 'Sign in' : 'Sign in again'}
              </button>
            </>
          )}
        </div>
      )}
      {typing ? (
        <StartUrlForm onCancel={sessions.length > 0 ? () => setTyping(false) : undefined} />
      ) : (
        <button type="button" className="link-button" onClick={() => setTyping(true)}>
          Sign in with another start URL…
        </button>
      )}
    </div>
  );
}

/** A start URL and region typed once; the app remembers them (it never writes ~/.aws/config). */
function StartUrlForm({ onCancel }: { onCancel?: () => void }) {
  const busy = useAppStore((s) => s.ssoBusy);
  const signIn = useAppStore((s) => s.signInSso);
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const urlOk = /^https:\/\/\S+$/.test(startUrl.trim());
  const regionOk = regionPattern.test(region.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (urlOk && regionOk) void signIn({ startUrl: startUrl.trim(), region: region.trim() });
  };
  return (
    <form className="sso-start-url" onSubmit={submit} aria-label="Sign in with a start URL">
      <label className="sheet-field sso-url-field">
        <span className="sheet-label">AWS access portal URL</span>
        <input className="text-input mono-input" type="url" placeholder="https://my-org.awsapps.com/start" value={startUrl} onChange={(e) => setStartUrl(e.target.value)} required />
      </label>
      <label className="sheet-field sso-region-field">
        <span className="sheet-label">Region</span>
        <input className="text-input mono-input" value={region} onChange={(e) => setRegion(e.target.value)} aria-invalid={!regionOk} required />
      </label>
      <div className="sso-form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={!urlOk || !regionOk || busy === 'sign-in'}>
          Sign in
        </button>
      </div>
    </form>
  );
}

/** While the browser is open: the code to compare, where to go if the browser did not open, and Cancel. */
export function SsoPendingSignIn() {
  const pending = useAppStore((s) => s.ssoPending);
  const cancel = useAppStore((s) => s.cancelSsoSignIn);
  if (!pending) return null;
  const until = new Date(pending.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="callout sso-pending" role="status" aria-live="polite">
      <Spinner />
      <div className="callout-main">
        <p className="callout-title">Approve the sign-in in your browser</p>
        <p>
          Check that the page shows this code: <strong className="sso-user-code mono">{pending.userCode}</strong>
        </p>
        <p className="callout-hint">
          If no page opened, go to <span className="mono">{pending.verificationUri}</span> and enter the code. It works until {until}.
        </p>
      </div>
      <button type="button" className="button" onClick={() => void cancel()}>
        Cancel
      </button>
    </div>
  );
}
