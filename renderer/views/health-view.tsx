// Health: every check, failing first, with its fix; Run checks again and Undo in the header; Finch's VM below.
import type { Check, Status } from '../../shared/types';
import { ErrorBanner } from '../components/error-notice';
import { FixDialog } from '../components/fix-dialog';
import { HealthCheckList } from '../components/health-check-list';
import { UndoNotice } from '../components/health-undo';
import { RefreshIcon, UndoIcon } from '../components/icons';
import { VmPanel } from '../components/vm-panel';
import { homeOf, plural } from '../format';
import { useAppStore } from '../store';
import { countChecks } from '../store/health-slice';

export function HealthView({ status }: { status: Status }) {
  const checks = useAppStore((s) => s.checks);
  const loading = useAppStore((s) => s.checksLoading);
  const error = useAppStore((s) => s.checksError);
  const checkedAt = useAppStore((s) => s.checkedAt);
  const runChecks = useAppStore((s) => s.runChecks);
  const openFix = useAppStore((s) => s.openFix);
  const undo = useAppStore((s) => s.undo);
  const undoLast = useAppStore((s) => s.undoLast);
  const dismissUndo = useAppStore((s) => s.dismissUndo);
  const fixOpen = useAppStore((s) => s.fix !== null);
  const restarting = useAppStore((s) => s.vm.phase === 'restarting');
  const home = homeOf(status);

  const onFix = (c: Check) => {
    if (c.fix) void openFix(c.fix, c.id);
  };

  return (
    <section className="view health" aria-labelledby="health-heading">
      <div className="view-head view-head-row">
        <div>
          <h2 id="health-heading" className="view-title" tabIndex={-1}>Health</h2>
          <p className="view-sub">What could keep Finch from logging in or pulling images, and fixes you can review and undo.</p>
        </div>
        <div className="view-actions">
          <button
            type="button"
            className="button"
            onClick={() => void undoLast()}
            disabled={undo.phase === 'working' || restarting}
            title="Put back, byte for byte, the files the last fix changed — or config.json keys this app put back after a login"
          >
            <UndoIcon />
            Undo last change
          </button>
          <button type="button" className="button" onClick={() => void runChecks()} aria-busy={loading} disabled={restarting}>
            <RefreshIcon className={loading ? 'spin' : undefined} />
            Run checks again
          </button>
        </div>
      </div>

      {!fixOpen && <UndoNotice undo={undo} home={home} onDismiss={dismissUndo} />}
      {error && <ErrorBanner error={error} />}

      {checks ? (
        <>
          <Summary checks={checks} checkedAt={checkedAt} loading={loading} />
          <HealthCheckList checks={checks} home={home} onFix={onFix} disabled={restarting} />
        </>
      ) : (
        !error && (
          <p className="checks-placeholder" role="status">
            <RefreshIcon className="spin" />
            Running the checks…
          </p>
        )
      )}

      <VmPanel status={status} home={home} />
      <FixDialog home={home} />
    </section>
  );
}

function Summary({ checks, checkedAt, loading }: { checks: Check[]; checkedAt: number | null; loading: boolean }) {
  const n = countChecks(checks);
  const parts = [
    n.error ? { text: `${n.error} failed`, cls: 'sum-bad' } : null,
    n.warn ? { text: plural(n.warn, 'warning'), cls: 'sum-warn' } : null,
    { text: `${n.ok} passed`, cls: 'sum-good' },
    n.skipped ? { text: `${n.skipped} skipped`, cls: 'sum-neutral' } : null,
  ].filter((p): p is { text: string; cls: string } => p !== null);
  return (
    <p className="checks-summary" role="status" aria-live="polite">
      {n.error + n.warn === 0 && <span className="sum-all-good">Everything checks out. </span>}
      {parts.map((p, i) => (
        <span key={p.cls} className={p.cls}>
          {i > 0 && <span className="sum-sep"> · </span>}
          {p.text}
        </span>
      ))}
      <span className="sum-when">
        {loading ? ' — checking again…' : checkedAt ? ` — checked at ${new Date(checkedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}
      </span>
    </p>
  );
}
