// What Undo did: the message and each file put back, or why nothing was restored. Shown in the Health view and in
// the Fix dialog that offered the Undo.
import type { UndoState } from '../store/health-slice';
import { FilePath } from './file-path';
import { Inline } from './health-text';
import { CheckStatusIcon, CloseIcon, ErrorIcon, UndoIcon } from './icons';

export function UndoNotice({ undo, home, onDismiss }: { undo: UndoState; home: string | null; onDismiss?: () => void }) {
  if (undo.phase === 'idle') return null;
  if (undo.phase === 'working') {
    return (
      <div className="callout callout-info" role="status">
        <UndoIcon />
        <p className="callout-title">Undoing the last fix…</p>
      </div>
    );
  }
  if (undo.phase === 'failed' && undo.error) {
    // "Nothing to undo" is an answer, not a failure.
    const nothing = undo.error.kind === 'nothing-to-undo';
    return (
      <div className={nothing ? 'callout callout-info' : 'callout callout-bad'} role={nothing ? 'status' : 'alert'}>
        {nothing ? <UndoIcon /> : <ErrorIcon />}
        <div className="callout-main">
          <p className="callout-title">{nothing ? 'Nothing to undo' : 'Undo failed'}</p>
          <p>
            <Inline text={nothing ? 'No fix made here is waiting to be undone.' : undo.error.message} home={home} />
          </p>
          {!nothing && undo.error.hint && (
            <p className="callout-hint">
              <Inline text={undo.error.hint} home={home} />
            </p>
          )}
        </div>
        {onDismiss && <DismissButton onDismiss={onDismiss} />}
      </div>
    );
  }
  if (!undo.result) return null;
  return (
    <div className="callout callout-good" role="status" aria-label="Undo">
      <CheckStatusIcon status="ok" />
      <div className="callout-main">
        <p className="callout-title">Undone</p>
        <p>
          <Inline text={undo.result.message} home={home} />
        </p>
        {undo.result.leftAsIs && (
          <p className="callout-hint">
            <Inline text={undo.result.leftAsIs} home={home} />
          </p>
        )}
        {undo.result.restored.length > 0 && (
          <ul className="restored" aria-label="Restored files">
            {undo.result.restored.map((f) => (
              <li key={f}>
                <FilePath file={f} home={home} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {onDismiss && <DismissButton onDismiss={onDismiss} />}
    </div>
  );
}

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" className="callout-dismiss" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
      <CloseIcon />
    </button>
  );
}
