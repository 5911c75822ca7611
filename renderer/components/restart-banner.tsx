// "Restart required", across the window whatever section shows: finch.yaml changed since the VM started (the
// vm-restart-pending check is not ok), so Finch does not use the change yet. While the restart runs it says so and
// links to the live log. Also holds the window's one restart confirmation.
import { useAppStore } from '../store';
import { pendingRestart } from '../store/health-slice';
import { RefreshIcon, RestartIcon } from './icons';
import { VmRestartConfirm, restartBlocked } from './vm-panel';

export function RestartBanner() {
  const checks = useAppStore((s) => s.checks);
  const status = useAppStore((s) => s.status);
  const vmPhase = useAppStore((s) => s.vm.phase);
  const section = useAppStore((s) => s.section);
  const show = useAppStore((s) => s.show);
  const ask = useAppStore((s) => s.askVmRestart);
  const pending = pendingRestart(checks);
  const restarting = vmPhase === 'restarting';
  const blocked = restartBlocked(status);

  return (
    <>
      {(pending || restarting) && (
        <div className={restarting ? 'restart-banner is-restarting' : 'restart-banner'} role="region" aria-label="Restart required">
          {restarting ? <RefreshIcon className="spin" /> : <RestartIcon />}
          <div className="restart-banner-text" role="status">
            {restarting ? (
              <p className="restart-banner-title">Restarting the Finch VM…</p>
            ) : (
              <>
                <p className="restart-banner-title">Restart required</p>
                <p className="restart-banner-sub" title={pending?.detail}>
                  finch.yaml changed since the VM started; Finch uses the change only after a restart.
                </p>
              </>
            )}
          </div>
          {section !== 'health' && (
            <button type="button" className="banner-link" onClick={() => show('health')}>
              {restarting ? 'Show log' : 'Details'}
            </button>
          )}
          {!restarting && (
            <button type="button" className="button" onClick={ask} disabled={!!blocked} title={blocked ?? undefined}>
              Restart VM…
            </button>
          )}
        </div>
      )}
      <VmRestartConfirm />
    </>
  );
}
