// "Copy diagnostics": main gathers what a support request needs (versions, check results, the recent log) and puts
// it on the clipboard; the text is shown too, so the user sees what they are about to send (and can copy it by
// hand where main could not reach the clipboard).
import { useId, useState } from 'react';
import type { AppError, Diagnostics } from '../../shared/types';
import { bridgeCaller, noBridgeForAction } from '../store/bridge';
import { SettingsError } from './settings-error';
import { Spinner } from './icons';

const call = bridgeCaller(noBridgeForAction);

export function DiagnosticsRow() {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Diagnostics | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const copy = async () => {
    setBusy(true);
    setError(null);
    const r = await call('copyDiagnostics', (a) => a.copyDiagnostics());
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  return (
    <div className="settings-row diagnostics-row" aria-busy={busy || undefined}>
      <div className="settings-text">
        <span className="settings-label" id={id}>
          Diagnostics
        </span>
        <p className="settings-sub">
          Versions, where Finch and its files are, every health check and the recent log — what a support request needs.
          No password or token is ever in it.
        </p>
        {error && <SettingsError error={error} />}
        {result && (
          <>
            <p className="settings-sub" role="status">
              {result.copied ? 'Copied to the clipboard.' : 'Select the text below and copy it.'}
            </p>
            <textarea className="diagnostics-text" aria-label="Diagnostics text" readOnly rows={8} value={result.text} />
          </>
        )}
      </div>
      <button type="button" className="button" aria-describedby={id} disabled={busy} onClick={() => void copy()}>
        {busy && <Spinner />}
        {busy ? 'Gathering…' : 'Copy diagnostics'}
      </button>
    </div>
  );
}
