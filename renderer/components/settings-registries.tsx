// Auto-renew, one registry at a time: every ECR and ECR Public registry Finch knows, plus any still opted in that
// Finch no longer lists (so it can be turned off). "Renew for all" turns them all on, as in the tray.
import type { ReactNode } from 'react';
import type { Registry } from '../../shared/types';
import { kindLabel, mfaRenewNote } from '../format';
import { useAppStore } from '../store';
import { canAutoRenew, mfaProfile } from '../../shared/renew';
import { shownAutoRenew } from '../store/settings-slice';
import { Countdown, useNow } from './countdown';
import { SettingsError } from './settings-error';
import { Switch } from './settings-switch';
import { oneLine } from '../../shared/printable';

interface Entry {
  host: string;
  registry: Registry | null;
}

export function SettingsRegistries({ registries }: { registries: Registry[] | null }) {
  const settings = useAppStore((s) => s.settings);
  const ecr = (registries ?? []).filter((r) => r.kind === 'ecr' || r.kind === 'ecr-public');
  const listed = new Set(ecr.map((r) => r.host));
  const entries: Entry[] = [
    ...ecr.map((r) => ({ host: r.host, registry: r })),
    ...(registries ? (settings?.autoRenewHosts ?? []).filter((h) => !listed.has(h)).map((host) => ({ host, registry: null })) : []),
  ];

  if (entries.length === 0) {
    return (
      <p className="settings-empty">
        {registries ? 'No ECR or ECR Public registries yet. Add one in Registries to renew it here.' : 'The registries will be listed once the status is read.'}
      </p>
    );
  }
  return (
    <ul className="settings-list" aria-label="Auto-renew by registry">
      {entries.map((e) => (
        <RegistryRow key={e.host} entry={e} />
      ))}
    </ul>
  );
}

function RegistryRow({ entry: { host, registry: r } }: { entry: Entry }) {
  const loaded = useAppStore((s) => s.settings !== null);
  const all = useAppStore((s) => shownAutoRenew(s, host).all);
  const own = useAppStore((s) => shownAutoRenew(s, host).own);
  const busy = useAppStore((s) => host in s.pendingHosts);
  const error = useAppStore((s) => s.autoRenewErrors[host]);
  const setAutoRenew = useAppStore((s) => s.setAutoRenew);
  const mfa = useAppStore((s) => (r ? mfaProfile(r, s.status?.profiles) : null));
  const now = useNow();
  const onDemand = !!r && !canAutoRenew(r);
  const subId = `renew-sub-${host}`;

  const facts = r ? [kindLabel[r.kind], r.accountId, r.region].filter((x): x is string => !!x).join(' · ') : 'No longer in Finch’s config';
  let note: ReactNode = null;
  if (onDemand) note = <>{r?.helper ?? 'Its credential helper'} gets a token each time: nothing to renew.</>;
  else if (r?.expiresAt) note = <Countdown expiresAt={r.expiresAt} now={now} />;
  else if (r) note = 'Renewed after you next log in to it from this app.';

  return (
    <li className={onDemand ? 'settings-row is-inapplicable' : 'settings-row'} aria-busy={busy || undefined}>
      <div className="settings-text">
        <span className="settings-label host">{oneLine(host)}</span>
        <p className="settings-sub" id={subId}>
          {facts}
          {note && (
            <>
              <span className="settings-dot" aria-hidden="true">
                {' · '}
              </span>
              {note}
            </>
          )}
        </p>
        {mfa && !onDemand && <p className="settings-sub settings-warn">{mfaRenewNote(mfa)}</p>}
        {error && <SettingsError error={error} />}
      </div>
      <Switch
        checked={!onDemand && (all || own)}
        disabled={!loaded || onDemand || all}
        busy={busy}
        label={`Renew ${oneLine(host)} automatically`}
        describedBy={subId}
        title={all && !onDemand ? 'On for every ECR login' : undefined}
        onChange={(on) => void setAutoRenew(host, on)}
      />
    </li>
  );
}
