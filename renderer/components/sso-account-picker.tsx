// The accounts the signed-in user can reach: search by name or id, a role per account (remembered), the regions,
// and one button that adds the ECR registries of every ticked account.
import { useDeferredValue, useMemo, useState } from 'react';
import type { SsoAccountInfo, SsoAccounts } from '../../shared/types';
import { plural } from '../format';
import { useAppStore } from '../store';
import { commonRegions } from './add-registry-dialog';
import { Spinner } from './icons';
import { RegionBoxes } from './region-boxes';

function matches(a: SsoAccountInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || a.accountName.toLowerCase().includes(q) || a.accountId.includes(q) || a.emailAddress.toLowerCase().includes(q);
}

/** The role an account logs in with: the one picked before, else its only one. */
const roleOf = (a: SsoAccountInfo) => a.role ?? (a.roles.length === 1 ? a.roles[0]! : null);

export function SsoAccountPicker({ list }: { list: SsoAccounts }) {
  const busy = useAppStore((s) => s.ssoBusy);
  const setRole = useAppStore((s) => s.setSsoRole);
  const add = useAppStore((s) => s.addSsoRegistries);
  const reload = useAppStore((s) => s.loadSsoAccounts);
  const added = useAppStore((s) => s.ssoAdded);
  const show = useAppStore((s) => s.show);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [regions, setRegions] = useState<Set<string>>(new Set(['us-east-1']));
  const shown = useMemo(() => list.accounts.filter((a) => matches(a, deferred)), [list, deferred]);
  const pickable = shown.filter((a) => a.roles.length > 0);
  const picks = list.accounts.filter((a) => ticked.has(a.accountId) && roleOf(a));
  const missingRole = list.accounts.filter((a) => ticked.has(a.accountId) && !roleOf(a));
  const count = picks.length * regions.size;
  const allShownTicked = pickable.length > 0 && pickable.every((a) => ticked.has(a.accountId));

  const tick = (ids: string[], on: boolean) =>
    setTicked((t) => {
      const next = new Set(t);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleRegion = (r: string, on: boolean) =>
    setRegions((rs) => {
      const next = new Set(rs);
      if (on) next.add(r);
      else next.delete(r);
      return next;
    });
  const submit = async () => {
    if (await add(picks.map((a) => ({ accountId: a.accountId, roleName: roleOf(a)! })), [...regions])) setTicked(new Set());
  };

  return (
    <div className="sso-picker">
      <div className="sso-toolbar">
        <input
          type="search"
          className="text-input sso-search"
          placeholder="Search by account name or id"
          aria-label="Search accounts by name or id"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="sso-count" aria-live="polite">
          {shown.length === list.accounts.length ? plural(list.accounts.length, 'account') : `${shown.length} of ${plural(list.accounts.length, 'account')}`}
        </span>
        <button type="button" className="button button-small" onClick={() => void reload(true)} disabled={busy !== null}>
          {busy === 'accounts' && <Spinner />}
          Refresh list
        </button>
      </div>
      <div className="sso-table-scroll">
        <table className="grid sso-accounts" aria-label="Accounts you can reach">
          <thead>
            <tr>
              <th scope="col" className="sso-tick">
                <input type="checkbox" aria-label="Tick every account shown" checked={allShownTicked} onChange={(e) => tick(pickable.map((a) => a.accountId), e.target.checked)} disabled={pickable.length === 0} />
              </th>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.accountId}>
                <td className="sso-tick">
                  <input
                    type="checkbox"
                    aria-label={`Add ${a.accountName} (${a.accountId})`}
                    checked={ticked.has(a.accountId)}
                    onChange={(e) => tick([a.accountId], e.target.checked)}
                    disabled={a.roles.length === 0}
                  />
                </td>
                <th scope="row">
                  <span className="sso-account-name">{a.accountName}</span>
                  <span className="sso-account-id mono">{a.accountId}</span>
                </th>
                <td>
                  {a.roles.length === 0 ? (
                    <span className="sso-no-role">No role for you in this account</span>
                  ) : (
                    <select className="select" aria-label={`Role in ${a.accountName}`} value={roleOf(a) ?? ''} onChange={(e) => void setRole(a.accountId, e.target.value)}>
                      {!roleOf(a) && (
                        <option value="" disabled>
                          Pick a role…
                        </option>
                      )}
                      {a.roles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="sso-none">No account matches “{deferred}”.</p>}
      </div>
      <fieldset className="regions">
        <legend className="sheet-label">Regions</legend>
        <RegionBoxes regions={commonRegions} ticked={regions} onToggle={toggleRegion} />
      </fieldset>
      <div className="sso-add">
        <button type="button" className="button button-primary" disabled={count === 0 || missingRole.length > 0 || busy !== null} onClick={() => void submit()}>
          {busy === 'add' && <Spinner />}
          {count > 0 ? `Add ${plural(count, 'registry', 'registries')}` : 'Add registries'}
        </button>
        <p className="sheet-hint" role="status">
          {missingRole.length > 0
            ? `Pick a role for ${missingRole.map((a) => a.accountName).join(', ')}.`
            : added
              ? `Added ${plural(added.length, 'registry', 'registries')}. `
              : `${plural(picks.length, 'account')} × ${plural(regions.size, 'region')}; each logs in with its role.`}
          {added && !missingRole.length && (
            <button type="button" className="link-button" onClick={() => show('registries')}>
              Show them in Registries
            </button>
          )}
        </p>
      </div>
    </div>
  );
}
