import { useRef, useState } from 'react';
import type { Status } from '../../shared/types';
import { AddRegistryDialog } from '../components/add-registry-dialog';
import { Command } from '../components/command';
import { EmptyState } from '../components/empty-state';
import { FilePath } from '../components/file-path';
import { rowButton } from '../components/focus';
import { LogoutConfirm, RegistryRowActions } from '../components/login-actions';
import { LoginAllButton, LoginAllSummary } from '../components/login-all';
import { LoginDetail } from '../components/login-detail';
import { PasswordDialog } from '../components/password-dialog';
import { RegistriesTable } from '../components/registries-table';
import { configBlocksChanges } from '../../shared/config-file';
import { configNeedsRootNote } from '../../shared/format';
import { homeOf } from '../format';
import { useAppStore } from '../store';

export function RegistriesView({ status }: { status: Status }) {
  const outcomes = useAppStore((s) => s.outcomes);
  const prompt = useAppStore((s) => s.passwordPrompt);
  const confirmingLogout = useAppStore((s) => s.confirmingLogout);
  const focusRegistry = useAppStore((s) => s.focusRegistry);
  const [adding, setAdding] = useState(false);
  // The host just added: the dialog hands the focus to its row (scrolled to and highlighted) rather than back to
  // Add registry….
  const added = useRef<string | null>(null);

  return (
    <section className="view" aria-labelledby="registries-heading">
      <div className="view-head view-head-actions">
        <div>
          <h2 id="registries-heading" className="view-title" tabIndex={-1}>Registries</h2>
          <p className="view-sub">Where Finch pulls and pushes images, and where each login comes from.</p>
        </div>
        <div className="view-actions">
          {/* Main refuses to add while config.json is broken (the notice above says why and what to do). */}
          <button type="button" className="button" onClick={() => setAdding(true)} disabled={configBlocksChanges(status.finch)}>
            Add registry…
          </button>
          <LoginAllButton registries={status.registries} />
        </div>
      </div>
      <LoginAllSummary />
      {status.finch.configNeedsRoot && status.registries.length > 0 && <p className="view-sub">{configNeedsRootNote}</p>}
      {status.registries.length > 0 ? (
        <RegistriesTable
          registries={status.registries}
          labelledBy="registries-heading"
          actions={(r) => <RegistryRowActions registry={r} profiles={status.profiles} />}
          detail={(r) => {
            if (confirmingLogout === r.host) return <LogoutConfirm registry={r} />;
            const outcome = outcomes[r.host];
            return outcome ? <LoginDetail registry={r} outcome={outcome} /> : null;
          }}
        />
      ) : (
        <NoRegistries status={status} />
      )}
      {adding && (
        <AddRegistryDialog
          profiles={status.profiles}
          registries={status.registries}
          returnFocus={(opener) => (added.current ? rowButton(added.current) : opener)}
          onClose={() => {
            added.current = null;
            setAdding(false);
          }}
          onAdded={(hosts) => {
            added.current = hosts[0] ?? null;
            setAdding(false);
            if (hosts[0]) focusRegistry(hosts[0]);
          }}
        />
      )}
      {prompt && <PasswordDialog key={prompt.host} prompt={prompt} registry={status.registries.find((r) => r.host === prompt.host)} />}
    </section>
  );
}

function NoRegistries({ status }: { status: Status }) {
  const { finch } = status;
  const config = <FilePath file={finch.configFile} home={homeOf(status)} />;
  if (finch.configNeedsRoot) {
    return (
      <EmptyState title="Logins are root’s">
        <p>
          {config}: {configNeedsRootNote} Choose Add registry… above to log in.
        </p>
      </EmptyState>
    );
  }
  if (status.problems.some((p) => p.file === finch.configFile)) {
    return (
      <EmptyState title="No registries to show">
        <p>Finch’s config file {config} could not be read: see above. Once it is fixed, choose Refresh.</p>
      </EmptyState>
    );
  }
  // Finch on Linux runs as root, so its logins are made with sudo.
  const finchCmd = status.platform === 'linux' ? 'sudo finch' : 'finch';
  return (
    <EmptyState title="No registries yet">
      <p>
        Finch has no registry logins in {config}. Choose Add registry… above to add one and log in from this window, or log in once from a
        terminal, then choose Refresh:
      </p>
      <dl className="recipes">
        <dt>Docker Hub</dt>
        <dd>
          <Command text={`${finchCmd} login --username <user>`} />
        </dd>
        <dt>Amazon ECR</dt>
        <dd>
          <Command
            text={`aws ecr get-login-password --region <region> | ${finchCmd} login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com`}
          />
        </dd>
      </dl>
    </EmptyState>
  );
}
