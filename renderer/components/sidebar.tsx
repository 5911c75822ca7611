// The window's sections. Each entry is a view that exists; later features add theirs to `entries`.
import type { ReactNode } from 'react';
import { useAppStore, type Section } from '../store';
import { plural } from '../format';
import { countChecks } from '../store/health-slice';
import { AppMark, HealthIcon, ProfilesIcon, RegistriesIcon, SsoIcon } from './icons';
import { SettingsNavItem } from './settings-nav-item';

const entries: { section: Section; label: string; icon: ReactNode }[] = [
  { section: 'registries', label: 'Registries', icon: <RegistriesIcon /> },
  { section: 'profiles', label: 'AWS profiles', icon: <ProfilesIcon /> },
  { section: 'sso', label: 'Identity Center', icon: <SsoIcon /> },
  { section: 'health', label: 'Health', icon: <HealthIcon /> },
];

export function Sidebar() {
  const current = useAppStore((s) => s.section);
  const show = useAppStore((s) => s.show);
  const status = useAppStore((s) => s.status);
  const checks = useAppStore((s) => s.checks);
  const failing = checks ? countChecks(checks) : null;
  const counts: Record<Section, number | null> = {
    registries: status ? status.registries.length : null,
    profiles: status ? status.profiles.length : null,
    sso: null,
    // Health counts what needs attention (errors and warnings); nothing when all is well.
    health: failing && failing.error + failing.warn > 0 ? failing.error + failing.warn : null,
    settings: null,
  };

  return (
    <aside className="sidebar">
      <div className="brand">
        <AppMark />
        <h1>Finch Logins</h1>
      </div>
      <nav aria-label="Sections">
        <ul>
          {entries.map((e) => (
            <li key={e.section}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === e.section ? 'page' : undefined}
                onClick={() => show(e.section)}
              >
                {e.icon}
                <span className="nav-label">{e.label}</span>
                {counts[e.section] !== null &&
                  (e.section === 'health' && failing ? (
                    <span
                      className={failing.error > 0 ? 'nav-badge nav-badge-bad' : 'nav-badge nav-badge-warn'}
                      title={`Needs attention: ${failing.error} failed, ${plural(failing.warn, 'warning')}`}
                    >
                      {counts[e.section]}
                    </span>
                  ) : (
                    <span className="nav-count">{counts[e.section]}</span>
                  ))}
              </button>
            </li>
          ))}
        </ul>
        <SettingsNavItem />
      </nav>
    </aside>
  );
}
