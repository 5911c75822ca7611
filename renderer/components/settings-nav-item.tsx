// The Settings entry, kept apart at the bottom of the sidebar as in the platforms' own apps.
import { useAppStore } from '../store';
import { GearIcon } from './icons';

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
