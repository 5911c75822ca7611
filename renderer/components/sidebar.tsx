// The window's sections. Each entry is a view that exists; later features add theirs to `entries`.
import type { ReactNode } from 'react';
import { useAppStore, type Section } from '../store';
import { AppMark, ProfilesIcon, RegistriesIcon } from './icons';

const entries: { section: Section; label: string; icon: ReactNode }[] = [
  { section: 'registries', label: 'Registries', icon: <RegistriesIcon /> },
  { section: 'profiles', label: 'AWS profiles', icon: <ProfilesIcon /> },
];

export function Sidebar() {
  const current = useAppStore((s) => s.section);
  const show = useAppStore((s) => s.show);
  const status = useAppStore((s) => s.status);
  const counts: Record<Section, number | null> = {
    registries: status ? status.registries.length : null,
    profiles: status ? status.profiles.length : null,
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
                {counts[e.section] !== null && (
                  <span className="nav-count">{counts[e.section]}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
