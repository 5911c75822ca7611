// Settings: how the menu-bar app starts (at login, menu bar only) and auto-renew (for all ECR logins, how early,
// and registry by registry). Every change goes to main (setSettings / setAutoRenew); a change made from the tray
// arrives as settingsChanged and shows here too. A refused change is said next to its control.
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Platform, Status } from '../../shared/types';
import { DiagnosticsRow } from '../components/diagnostics-row';
import { ErrorBanner } from '../components/error-notice';
import { SettingsError } from '../components/settings-error';
import { SettingsRegistries } from '../components/settings-registries';
import { Switch } from '../components/settings-switch';
import { useAppStore } from '../store';
import { clampLead, renewBeforeRange } from '../../shared/renew';
import { shownSetting } from '../store/settings-slice';

type ToggleKey = 'startAtLogin' | 'menuBarOnly' | 'autoRenewAll';

const trayPlace: Record<Platform, string> = { darwin: 'menu bar', win32: 'notification area', linux: 'system tray' };

export function SettingsView({ status }: { status: Status | null }) {
  const settings = useAppStore((s) => s.settings);
  const loadError = useAppStore((s) => s.settingsLoadError);
  const loading = useAppStore((s) => s.settingsLoading);
  const ensureSettings = useAppStore((s) => s.ensureSettings);
  const loadSettings = useAppStore((s) => s.loadSettings);
  const all = useAppStore((s) => shownSetting(s, 'autoRenewAll') ?? false);
  useEffect(() => ensureSettings(), [ensureSettings]);

  const platform = status?.platform ?? null;
  const place = platform ? trayPlace[platform] : 'menu bar';
  const supported = settings?.startAtLoginSupported ?? true;

  return (
    <section className="view settings" aria-labelledby="settings-heading" aria-busy={loading}>
      <div className="view-head">
        <h2 id="settings-heading" className="view-title" tabIndex={-1}>Settings</h2>
        <p className="view-sub">How Finch Logins starts, and how it keeps your ECR logins from running out.</p>
      </div>

      {loadError && (
        <div className="settings-load-error">
          <ErrorBanner error={loadError} />
          <button type="button" className="button" onClick={() => void loadSettings()} disabled={loading}>
            Try again
          </button>
        </div>
      )}

      <SettingsGroup title="Starting">
        <div className="settings-list">
          <ToggleRow
            setting="startAtLogin"
            label="Start at login"
            unavailable={!supported}
            sub={
              supported
                ? `Opens Finch Logins in the ${place}, without its window, when you log in to this computer.`
                : 'Not available in this window: your system keeps this switch, and only the Finch Logins app can reach it.'
            }
          />
          <ToggleRow
            setting="menuBarOnly"
            label="Menu bar only (no Dock icon)"
            unavailable={platform !== null && platform !== 'darwin'}
            sub={
              platform !== null && platform !== 'darwin'
                ? 'Applies on macOS only.'
                : 'On macOS, from the next start: Finch Logins lives in the menu bar alone, with no Dock icon.'
            }
          />
        </div>
      </SettingsGroup>

      <SettingsGroup title="Auto-renew">
        <div className="settings-list">
          <ToggleRow
            setting="autoRenewAll"
            label="Renew ECR logins automatically"
            sub="Logs in again to every ECR and ECR Public registry you logged in to from this app, before the login expires, while the app runs. You are told only when a renewal fails or needs you (an MFA code, an SSO sign-in)."
          />
          <RenewLeadRow />
        </div>
      </SettingsGroup>

      <SettingsGroup
        title="Registry by registry"
        sub={
          all
            ? 'Every ECR login is renewed while “Renew ECR logins automatically” is on.'
            : 'Or choose the registries to renew. Docker Hub and other registries log in with a password and are not renewed.'
        }
      >
        <SettingsRegistries registries={status?.registries ?? null} />
      </SettingsGroup>

      <SettingsGroup title="Support">
        <div className="settings-list">
          <DiagnosticsRow />
        </div>
      </SettingsGroup>
    </section>
  );
}

function SettingsGroup({ title, sub, children }: { title: string; sub?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-group" aria-labelledby={id}>
      <div className="settings-group-head">
        <h3 id={id}>{title}</h3>
        {sub && <p className="settings-group-sub">{sub}</p>}
      </div>
      {children}
    </section>
  );
}

/** A setting with its switch, in a group's rounded box (.settings-list). */
function ToggleRow({ setting, label, sub, unavailable = false }: { setting: ToggleKey; label: string; sub: string; unavailable?: boolean }) {
  const id = useId();
  const loaded = useAppStore((s) => s.settings !== null);
  const value = useAppStore((s) => shownSetting(s, setting) ?? false);
  const busy = useAppStore((s) => setting in s.pendingSettings);
  const error = useAppStore((s) => s.settingErrors[setting]);
  const changeSetting = useAppStore((s) => s.changeSetting);

  return (
    <div className={unavailable ? 'settings-row is-inapplicable' : 'settings-row'} aria-busy={busy || undefined}>
      <div className="settings-text">
        <label className="settings-label" htmlFor={id}>
          {label}
        </label>
        <p className="settings-sub" id={`${id}-sub`}>
          {sub}
        </p>
        {error && <SettingsError error={error} />}
      </div>
      <Switch id={id} checked={value} disabled={!loaded || unavailable} busy={busy} describedBy={`${id}-sub`} onChange={(on) => void changeSetting(setting, on)} />
    </div>
  );
}

/**
 * "Renew N minutes before expiry": sent when the field is left or Enter is pressed. A number outside the range is
 * brought into it as main would, and the field says so (never silently): "2 is below the minimum: set to 5 minutes."
 */
function RenewLeadRow() {
  const id = useId();
  const loaded = useAppStore((s) => s.settings !== null);
  const value = useAppStore((s) => shownSetting(s, 'renewBeforeMinutes'));
  const busy = useAppStore((s) => 'renewBeforeMinutes' in s.pendingSettings);
  const error = useAppStore((s) => s.settingErrors.renewBeforeMinutes);
  const changeSetting = useAppStore((s) => s.changeSetting);
  // What is being typed; null when the field shows the setting.
  const [draft, setDraft] = useState<string | null>(null);
  // Why the value saved is not the one typed, until the next edit.
  const [adjusted, setAdjusted] = useState<string | null>(null);

  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const typed = draft.trim() === '' ? NaN : Number(draft);
    if (!Number.isFinite(typed)) {
      if (draft.trim() !== '') setAdjusted(`\u201c${draft.trim()}\u201d is not a number of minutes: kept ${value ?? renewBeforeRange.min}.`);
      return; // back to the saved value
    }
    const next = clampLead(typed);
    setAdjusted(next === typed ? null : leadAdjustedNote(typed, next));
    if (next !== value) void changeSetting('renewBeforeMinutes', next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') setDraft(null);
  };

  return (
    <div className="settings-row" aria-busy={busy || undefined}>
      <div className="settings-text">
        <label className="settings-label" htmlFor={id}>
          When to renew
        </label>
        <p className="settings-sub" id={`${id}-sub`}>
          Between {renewBeforeRange.min} and {renewBeforeRange.max} minutes. ECR logins last 12 hours.
        </p>
        {adjusted && (
          <p className="settings-sub settings-warn" role="status">
            {adjusted}
          </p>
        )}
        {error && <SettingsError error={error} />}
      </div>
      <div className="settings-number">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          className="text-input"
          min={renewBeforeRange.min}
          max={renewBeforeRange.max}
          step={1}
          disabled={!loaded}
          value={draft ?? (value === undefined ? '' : String(value))}
          aria-describedby={`${id}-unit ${id}-sub`}
          onChange={(e) => {
            setDraft(e.target.value);
            setAdjusted(null);
          }}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        <span id={`${id}-unit`} className="settings-unit">
          minutes before expiry
        </span>
      </div>
    </div>
  );
}

/** Why a typed lead time was changed before it was saved. */
export function leadAdjustedNote(typed: number, saved: number): string {
  if (typed < renewBeforeRange.min) return `${typed} is below the minimum of ${renewBeforeRange.min} minutes: set to ${saved}.`;
  if (typed > renewBeforeRange.max) return `${typed} is above the maximum of ${renewBeforeRange.max} minutes: set to ${saved}.`;
  return `Whole minutes only: set to ${saved}.`;
}
