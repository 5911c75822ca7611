// The checks, failing first (errors, warnings, then what passed, then what could not run): each with its verdict,
// what it found in its own words and, where one exists, the fix.
import type { Check, CheckStatus } from '../../shared/types';
import type { Tone } from '../format';
import { useAppStore } from '../store';
import { sortChecks } from '../store/health-slice';
import { Inline } from './health-text';
import { CheckStatusIcon } from './icons';
import { StatePill } from './state-pill';

export const checkTone: Record<CheckStatus, Tone> = { error: 'bad', warn: 'warn', ok: 'good', skipped: 'neutral' };
export const checkLabel: Record<CheckStatus, string> = { error: 'Failed', warn: 'Warning', ok: 'OK', skipped: 'Skipped' };

interface Props {
  checks: Check[];
  home: string | null;
  onFix: (check: Check) => void;
  /** A fix or restart is under way: no second one starts. */
  disabled?: boolean;
}

export function HealthCheckList({ checks, home, onFix, disabled = false }: Props) {
  return (
    <ul className="checks" aria-label="Checks">
      {sortChecks(checks).map((c) => (
        <CheckRow key={c.id} check={c} home={home} onFix={onFix} disabled={disabled} />
      ))}
    </ul>
  );
}

export function CheckRow({ check: c, home, onFix, disabled = false }: { check: Check; home: string | null; onFix?: (check: Check) => void; disabled?: boolean }) {
  const titleId = `check-${c.id}`;
  const restarting = useAppStore((s) => s.vm.phase === 'restarting');
  return (
    <li className={`check check-${c.status}`} aria-labelledby={titleId}>
      <CheckStatusIcon status={c.status} />
      <div className="check-main">
        <div className="check-head">
          <h3 id={titleId} className="check-title">
            {c.title}
          </h3>
          {restarting && c.id === 'finch-vm-running' ? (
            // The check ran before the restart began: until it runs again, it cannot say the VM is running.
            <StatePill tone="info" label="Restarting…" />
          ) : (
            <StatePill tone={checkTone[c.status]} label={checkLabel[c.status]} />
          )}
        </div>
        {/* Every detail is shown whole (what passed wraps beside its title, styles/health.css). */}
        <p className="check-detail">
          <Inline text={c.detail} home={home} />
        </p>
      </div>
      {c.fix && onFix && (
        <button type="button" className="button check-fix" title={c.fix.label} disabled={disabled} onClick={() => onFix(c)}>
          Fix…
        </button>
      )}
    </li>
  );
}
