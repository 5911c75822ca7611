// Fix, in three steps: the preview (why, each file's diff, the commands, whether the VM must restart), Apply with
// progress, then the result with the check run again, and Undo. Nothing is written before Apply; a failure is
// shown in place, with its next step.
import { useAppStore } from '../store';
import type { FixFlow } from '../store/health-slice';
import { Command } from './command';
import { DiffView } from './diff-view';
import { CheckRow } from './health-check-list';
import { Dialog } from './dialog';
import { ErrorCallout } from './error-notice';
import { Inline, Prose } from './health-text';
import { UndoNotice } from './health-undo';
import { CheckStatusIcon, RefreshIcon, RestartIcon, UndoIcon, WarningIcon } from './icons';

export function FixDialog({ home }: { home: string | null }) {
  const flow = useAppStore((s) => s.fix);
  const close = useAppStore((s) => s.closeFix);
  if (!flow) return null;
  return (
    <Dialog labelledBy="fix-title" onClose={close} busy={flow.phase === 'applying'} className="fix-dialog">
      <FixContent flow={flow} home={home} />
    </Dialog>
  );
}

function FixContent({ flow, home }: { flow: FixFlow; home: string | null }) {
  const { phase, preview, result, error } = flow;
  const close = useAppStore((s) => s.closeFix);
  const apply = useAppStore((s) => s.applyFix);
  const again = useAppStore((s) => s.previewAgain);
  const undo = useAppStore((s) => s.undo);
  const undoLast = useAppStore((s) => s.undoLast);
  const askVmRestart = useAppStore((s) => s.askVmRestart);
  const vmPhase = useAppStore((s) => s.vm.phase);

  const applying = phase === 'applying';
  const nothingToDo = !!preview && preview.changes.length === 0 && preview.commands.length === 0;
  const showPreview = !!preview && (phase === 'preview' || phase === 'applying' || phase === 'failed');

  return (
    <>
      <header className="modal-head">
        <h2 id="fix-title">{preview?.title ?? flow.label}</h2>
        <p className="modal-sub">
          {phase === 'done'
            ? 'The fix has run and its check was run again.'
            : 'Review the change first: nothing is written until you choose Apply, and Undo puts the files back.'}
        </p>
      </header>

      {/* Focusable, so the keyboard can scroll a preview taller than the dialog (it may hold no link or button). */}
      <div className="modal-scroll" tabIndex={0} role="region" aria-label="The fix in detail">
        {phase === 'loading' && (
          <p className="modal-loading" role="status">
            <RefreshIcon className="spin" />
            Preparing the preview…
          </p>
        )}

        {phase === 'done' && result && (
          <section className="fix-result" aria-label="Result">
            <div className={!result.complete ? 'callout callout-warn' : result.applied ? 'callout callout-good' : 'callout callout-info'} role="status">
              <CheckStatusIcon status={!result.complete ? 'warn' : result.applied ? 'ok' : 'skipped'} />
              <div className="callout-main">
                <p className="callout-title">{!result.complete ? (result.applied ? 'The fix was applied only in part' : 'The fix failed') : result.applied ? 'Fix applied' : 'No file was changed'}</p>
                <p>
                  <Inline text={result.message} home={home} />
                </p>
              </div>
            </div>
            {result.check && (
              <div className="fix-recheck">
                <h3 className="fix-section-title">Checked again</h3>
                <ul className="checks">
                  <CheckRow check={result.check} home={home} />
                </ul>
              </div>
            )}
            {result.needsVmRestart && (
              <div className="callout callout-warn">
                <RestartIcon />
                <div className="callout-main">
                  <p className="callout-title">Restart the VM to finish</p>
                  <p>Finch reads finch.yaml only when its VM starts. Restarting stops running containers.</p>
                </div>
                <button
                  type="button"
                  className="button"
                  disabled={vmPhase === 'restarting'}
                  onClick={() => {
                    close();
                    askVmRestart();
                  }}
                >
                  Restart VM…
                </button>
              </div>
            )}
            <UndoNotice undo={undo} home={home} />
          </section>
        )}

        {phase === 'failed' && error && (
          <ErrorCallout title={preview ? 'The fix was not applied' : 'The preview could not be made'} error={error} home={home} />
        )}

        {showPreview && preview && (
          <div className={applying ? 'fix-preview is-applying' : 'fix-preview'}>
            <section aria-labelledby="fix-why">
              <h3 id="fix-why" className="fix-section-title">
                Why
              </h3>
              <Prose text={preview.explanation} home={home} className="fix-explanation" />
            </section>

            {preview.changes.length > 0 && (
              <section aria-labelledby="fix-files">
                <h3 id="fix-files" className="fix-section-title">
                  {preview.changes.length === 1 ? 'File that changes' : `${preview.changes.length} files that change`}
                </h3>
                <div className="diffs">
                  {preview.changes.map((c) => (
                    <DiffView key={c.file} change={c} home={home} />
                  ))}
                </div>
              </section>
            )}

            {preview.commands.length > 0 && (
              <section aria-labelledby="fix-commands">
                <h3 id="fix-commands" className="fix-section-title">
                  {preview.commands.length === 1 ? 'Command that runs' : 'Commands that run'}
                </h3>
                <ol className="fix-commands">
                  {preview.commands.map((c, i) => (
                    <li key={i}>
                      <Command text={c} />
                    </li>
                  ))}
                </ol>
              </section>
            )}

            {preview.needsVmRestart && (
              <div className="callout callout-warn" role="note">
                <WarningIcon />
                <div className="callout-main">
                  <p className="callout-title">The VM must restart afterwards</p>
                  <p>Finch picks this change up only when its VM starts again. You can restart it after applying; running containers stop then.</p>
                </div>
              </div>
            )}

            {nothingToDo && (
              <div className="callout callout-info" role="status">
                <CheckStatusIcon status="ok" />
                <p className="callout-title">Nothing to change: this is already in place.</p>
              </div>
            )}
          </div>
        )}
      </div>

      <footer className="modal-foot">
        {applying && (
          <div className="fix-progress" role="status">
            <span className="fix-progress-bar" aria-hidden="true">
              <span className="fix-progress-fill" />
            </span>
            <span>Applying the fix…</span>
          </div>
        )}
        {phase === 'done' && result?.applied && undo.phase !== 'done' && (
          <button type="button" className="button" onClick={() => void undoLast()} disabled={undo.phase === 'working'}>
            <UndoIcon />
            Undo
          </button>
        )}
        <span className="modal-foot-space" />
        {phase === 'done' ? (
          // The buttons change under the focus as the fix runs: it lands on the next step.
          <button type="button" className="button button-default" onClick={close} autoFocus>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={close} disabled={applying}>
              {phase === 'failed' ? 'Close' : 'Cancel'}
            </button>
            {phase === 'failed' ? (
              <button type="button" className="button button-default" onClick={() => void again()} autoFocus>
                {preview ? 'Preview again' : 'Try again'}
              </button>
            ) : (
              <button
                type="button"
                className="button button-default"
                onClick={() => void apply()}
                disabled={phase !== 'preview' || nothingToDo}
                aria-busy={applying}
              >
                {applying && <RefreshIcon className="spin" />}
                {applying ? 'Applying…' : 'Apply'}
              </button>
            )}
          </>
        )}
      </footer>
    </>
  );
}
