// The window: sections on the left; Finch's state, problems and the chosen section on the right.
import { BlockerNotices, otherProblems } from '../components/blocker-notices';
import { ErrorBanner } from '../components/error-notice';
import { FinchHeader } from '../components/finch-header';
import { ProblemsPanel } from '../components/problems-panel';
import { RestartBanner } from '../components/restart-banner';
import { RegistryFocus } from '../components/settings-focus';
import { Sidebar } from '../components/sidebar';
import { homeOf } from '../format';
import { useAppStore } from '../store';
import { HealthView } from './health-view';
import { ProfilesView } from './profiles-view';
import { RegistriesView } from './registries-view';
import { SettingsView } from './settings-view';
import { SsoView } from './sso-view';

export function MainWindow() {
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const loading = useAppStore((s) => s.loading);
  const section = useAppStore((s) => s.section);

  return (
    <div className={status ? `window platform-${status.platform}` : 'window'}>
      <Sidebar />
      <div className="content">
        <FinchHeader />
        <RestartBanner />
        <main className="content-scroll" aria-busy={loading}>
          {error && <ErrorBanner error={error} />}
          {status && <BlockerNotices status={status} />}
          {status && <ProblemsPanel problems={otherProblems(status)} home={homeOf(status)} />}
          {status && section === 'registries' && <RegistriesView status={status} />}
          {status && section === 'profiles' && <ProfilesView status={status} />}
          {section === 'sso' && <SsoView />}
          {status && section === 'health' && <HealthView status={status} />}
          {section === 'settings' && <SettingsView status={status} />}
        </main>
        <RegistryFocus />
      </div>
    </div>
  );
}
