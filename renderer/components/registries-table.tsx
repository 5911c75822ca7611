// One row per registry Finch knows. Only names, kinds and where a login comes from: never a secret.
import { Fragment, type ReactNode } from 'react';
import type { Registry } from '../../shared/types';
import { liveState } from '../../shared/login-state';
import { oneLine } from '../../shared/printable';
import { authLabel, kindLabel, stateView } from '../format';
import { useAppStore } from '../store';
import { AutoRenewToggle } from './auto-renew-toggle';
import { Countdown, useNow } from './countdown';
import { LockOpenIcon } from './icons';
import { ShadowedPlaintext } from './shadowed-plaintext';
import { StatePill } from './state-pill';

interface Props {
  registries: Registry[];
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** Per-row actions (log in, log out …). The column appears only when a feature supplies them. */
  actions?: (registry: Registry) => ReactNode;
  /** A full-width line under the row (a login's result, an error and its next step); null for none. */
  detail?: (registry: Registry) => ReactNode;
}

export function RegistriesTable({ registries, labelledBy, actions, detail }: Props) {
  const columns = actions ? 6 : 5;
  // The row main asked to show (focusRegistry): highlighted for a few seconds, see settings-focus.tsx.
  const focused = useAppStore((s) => s.focus?.host);
  return (
    <table className="grid registries" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Registry</th>
          <th scope="col" className="col-kind">
            Kind
          </th>
          <th scope="col" className="col-account">
            Account / region
          </th>
          <th scope="col">Credentials</th>
          <th scope="col">Status</th>
          {actions && (
            <th scope="col" className="col-actions">
              Actions
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {registries.map((r) => {
          const below = detail?.(r);
          return (
            <Fragment key={r.host}>
              <tr className={[below && 'has-detail', focused === r.host && 'is-focused'].filter(Boolean).join(' ') || undefined} data-host={r.host}>
                <th scope="row" className="host">
                  <HostName host={r.host} />
                  {/* In a narrow window the Kind and Account columns fold into this line (styles/tables.css). */}
                  <span className="sub host-meta">
                    {[kindLabel[r.kind], r.accountId, r.region]
                      .filter((x): x is string => !!x)
                      .map((x, i) => (
                        <Fragment key={x}>
                          {i > 0 && ' · '}
                          <span className="host-part">{x}</span>
                        </Fragment>
                      ))}
                  </span>
                </th>
                <td className="col-kind">{kindLabel[r.kind]}</td>
                <td className="col-account">
                  {r.accountId || r.region ? (
                    <div className="stack">
                      {r.accountId && <span className="mono">{r.accountId}</span>}
                      {r.region && <span className="sub">{r.region}</span>}
                    </div>
                  ) : (
                    <span className="none" role="img" aria-label="Not applicable">
                      —
                    </span>
                  )}
                </td>
                <td>
                  <AuthCell registry={r} />
                </td>
                <td>
                  <StateCell registry={r} />
                </td>
                {actions && <td className="row-actions">{actions(r)}</td>}
              </tr>
              {below && (
                <tr className="row-detail">
                  <td colSpan={columns}>{below}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A long host wraps after its dots ("123456789012.dkr.ecr." / "eu-west-1.amazonaws.com"), not at a dash. Escaped as
 * the CLI prints it: a config.json key may hold a line break or a bidi override (U+202E), which the page would show
 * as it is — `rtl\u202eoi.lave` reads as another host.
 */
function HostName({ host }: { host: string }) {
  const parts = oneLine(host).split('.');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          <span className="host-part">{i < parts.length - 1 ? `${part}.` : part}</span>
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

function AuthCell({ registry: r }: { registry: Registry }) {
  const details = [r.helper, r.username].filter((x): x is string => !!x);
  return (
    <div className="stack">
      <span className={r.auth === 'plaintext' ? 'auth auth-plaintext' : r.auth === 'none' ? 'auth auth-none' : 'auth'}>
        {r.auth === 'plaintext' && <LockOpenIcon />}
        {authLabel[r.auth]}
      </span>
      {details.length > 0 && (
        <span className="sub">
          {r.helper && <span className="mono">{r.helper}</span>}
          {r.helper && r.username && ' · '}
          {r.username && <span title="Username">{oneLine(r.username)}</span>}
        </span>
      )}
      <ShadowedPlaintext registry={r} />
    </div>
  );
}

function StateCell({ registry: r }: { registry: Registry }) {
  // Logins made here run out on their own clock: the state and the countdown follow it between status reads.
  const now = useNow();
  const view = stateView({ ...r, state: liveState(r, now) });
  return (
    <div className="stack">
      <StatePill tone={view.tone} label={view.label} title={view.detail} />
      {r.expiresAt && <Countdown expiresAt={r.expiresAt} now={now} />}
      <AutoRenewToggle registry={r} />
    </div>
  );
}
