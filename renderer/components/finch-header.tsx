// The top of the window: what Finch looks like on this machine, and Refresh.
import { configBlocksChanges } from '../../shared/config-file';
import { homeOf, vmLabel, vmTone } from '../format';
import { useAppStore } from '../store';
import { FilePath } from './file-path';
import { RefreshIcon } from './icons';
import { StatePill } from './state-pill';

export function FinchHeader() {
  const status = useAppStore((s) => s.status);
  const loading = useAppStore((s) => s.loading);
  const refresh = useAppStore((s) => s.refresh);
  const restarting = useAppStore((s) => s.vm.phase === 'restarting');
  const finch = status?.finch;
  const home = status ? homeOf(status) : null;

  return (
    <header className="finch-header">
      {finch ? (
        <dl className="facts" aria-label="Finch">
          <div className="fact">
            <dt>Finch</dt>
            {finch.path ? (
              <dd>
                <span className="fact-main">{finch.version ? `Version ${finch.version}` : 'Version unknown'}</span>
                <FilePath file={finch.path} home={home} compact />
              </dd>
            ) : (
              <dd>
                <span className="fact-main fact-missing">Finch not found</span>
                <span className="fact-sub">Install Finch from runfinch.com, then refresh.</span>
              </dd>
            )}
          </div>
          {/* Finch on Linux runs containers natively: there is no VM to show (nor without Finch). */}
          {status.platform !== 'linux' && finch.path && (
            <div className="fact">
              <dt>Virtual machine</dt>
              <dd>
                {/* While a restart runs the snapshot's "running" is out of date: say what is happening instead. */}
                {restarting ? <StatePill tone="info" label="Restarting…" /> : <StatePill tone={vmTone[finch.vm]} label={vmLabel[finch.vm]} />}
              </dd>
            </div>
          )}
          <div className="fact fact-wide">
            <dt>Config file</dt>
            <dd>
              <FilePath file={finch.configFile} home={home} />
            </dd>
          </div>
          <div className="fact">
            <dt>Credentials store</dt>
            <dd>
              {configBlocksChanges(finch) ? (
                // A file that cannot be read names no store we know of: "None" would be a guess.
                <>
                  <span className="fact-main fact-missing">Unknown</span>
                  <span className="fact-sub">config.json is broken</span>
                </>
              ) : finch.credsStore ? (
                <code className="mono">{finch.credsStore}</code>
              ) : (
                <span className="fact-main fact-missing">None</span>
              )}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="facts-placeholder" role="status">
          {loading ? 'Reading Finch’s configuration…' : ''}
        </p>
      )}
      <button
        type="button"
        className="button refresh"
        onClick={() => void refresh()}
        aria-label="Refresh status"
        aria-busy={loading}
        title="Read Finch’s configuration again"
      >
        <RefreshIcon className={loading ? 'spin' : undefined} />
        <span>Refresh</span>
      </button>
    </header>
  );
}
