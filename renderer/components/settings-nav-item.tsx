// The Settings entry, kept apart at the bottom of the sidebar as in the platforms' own apps.
import { useAppStore } from '../store';

const GearIcon = () => (
  <svg className="icon" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <circle cx="8" cy="8" r="2.1" />
    <path d="M8 1.6v1.6M8 12.8v1.6M14.4 8h-1.6M3.2 8H1.6M12.5 3.5l-1.1 1.1M4.6 11.4l-1.1 1.1M12.5 12.5l-1.1-1.1M4.6 4.6 3.5 3.5" />
    <circle cx="8" cy="8" r="4.6" />
  </svg>
);

export function SettingsNavItem() {
  const current = useAppStore((s) => s.section);
  const show = useAppStore((s) => s.show);
  return (
    <ul className="nav-foot">
      <li>
        <button type="button" className="nav-item" aria-current={current === 'settings' ? 'page' : undefined} onClick={() => show('settings')}>
          <GearIcon />
          <span className="nav-label">Settings</span>
        </button>
      </li>
    </ul>
  );
}
