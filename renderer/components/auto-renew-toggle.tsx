// A registry's own auto-renew switch, in its Registries row: shown where the tray shows it, on an ECR or ECR Public
// login made in this app and still stored (and on a row already opted in, so it can be turned off). "Renew for all"
// turns every such row on, and then a row cannot be turned off on its own (as in the tray). Rows whose credential
// helper (ecr-login) fetches a token each time have nothing to renew; Settings lists every ECR registry.
import { useEffect } from 'react';
import type { Registry } from '../../shared/types';
import { mfaRenewNote } from '../format';
import { useAppStore } from '../store';
import { canAutoRenew, isRenewable, mfaProfile } from '../../shared/renew';
import { shownAutoRenew } from '../store/settings-slice';
import { SettingsError } from './settings-error';
import { Switch } from './settings-switch';
import { oneLine } from '../../shared/printable';

export function AutoRenewToggle({ registry: r }: { registry: Registry }) {
  const optedIn = useAppStore((s) => s.settings?.autoRenewHosts.includes(r.host) ?? false);
  const eligible = isRenewable(r) || (canAutoRenew(r) && optedIn);
  const loaded = useAppStore((s) => s.settings !== null);
  const loadError = useAppStore((s) => s.settingsLoadError);
  const ensureSettings = useAppStore((s) => s.ensureSettings);
  const all = useAppStore((s) => shownAutoRenew(s, r.host).all);
  const own = useAppStore((s) => shownAutoRenew(s, r.host).own);
  const busy = useAppStore((s) => r.host in s.pendingHosts);
  const error = useAppStore((s) => s.autoRenewErrors[r.host]);
  const setAutoRenew = useAppStore((s) => s.setAutoRenew);
  const mfa = useAppStore((s) => mfaProfile(r, s.status?.profiles));

  // Whether the row is opted in is in the settings: read them once there is an ECR row that could be.
  const renewable = canAutoRenew(r);
  useEffect(() => {
    if (renewable) ensureSettings();
  }, [renewable, ensureSettings]);

  if (!eligible) return null;

  const title = loadError
    ? `The settings could not be read: ${loadError.message}`
    : all
      ? 'On for every ECR login (Settings › Renew ECR logins automatically).'
      : isRenewable(r)
        ? 'Log in again before this login expires, while Finch Logins runs.'
        : 'Renewed once you log in to it from this app (the app then knows when the login expires).';

  return (
    <div className="auto-renew">
      {/* Keeps the words apart from the countdown's in the cell's text (copied, or read by a test). */}
      {' '}
      <label className="auto-renew-toggle" title={title}>
        <Switch
          small
          checked={all || own}
          disabled={!loaded || all}
          busy={busy}
          label={`Renew ${oneLine(r.host)} automatically`}
          onChange={(on) => void setAutoRenew(r.host, on)}
        />
        <span>Auto-renew</span>
      </label>
      {mfa && <p className="auto-renew-note">{mfaRenewNote(mfa, true)}</p>}
      {error && <SettingsError error={error} />}
    </div>
  );
}
