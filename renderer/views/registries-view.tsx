import type { Status } from '../../shared/types';
import { Command } from '../components/command';
import { EmptyState } from '../components/empty-state';
import { FilePath } from '../components/file-path';
import { RegistriesTable } from '../components/registries-table';
import { homeOf } from '../format';

export function RegistriesView({ status }: { status: Status }) {
  return (
    <section className="view" aria-labelledby="registries-heading">
      <div className="view-head">
        <h2 id="registries-heading">Registries</h2>
        <p className="view-sub">Where Finch pulls and pushes images, and where each login comes from.</p>
      </div>
      {status.registries.length > 0 ? <RegistriesTable registries={status.registries} labelledBy="registries-heading" /> : <NoRegistries status={status} />}
    </section>
  );
}

function NoRegistries({ status }: { status: Status }) {
  const { finch } = status;
  const config = <FilePath file={finch.configFile} home={homeOf(status)} />;
  if (status.problems.some((p) => p.file === finch.configFile)) {
    return (
      <EmptyState title="No registries to show">
        <p>Finch’s config file {config} could not be read: see the problem above. Once it is fixed, choose Refresh.</p>
      </EmptyState>
    );
  }
  // Finch on Linux runs as root, so its logins are made with sudo.
  const finchCmd = status.platform === 'linux' ? 'sudo finch' : 'finch';
  return (
    <EmptyState title="No registries yet">
      <p>Finch has no registry logins in {config}. Log in once from a terminal, then choose Refresh:</p>
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
