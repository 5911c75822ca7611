import type { Status } from '../../shared/types';
import { EmptyState } from '../components/empty-state';
import { FilePath } from '../components/file-path';
import { RegistriesTable } from '../components/registries-table';
import { homeOf } from '../format';

export function RegistriesView({ status }: { status: Status }) {
  const { registries, finch } = status;
  // Finch on Linux runs as root, so its logins are made with sudo.
  const finchCmd = status.platform === 'linux' ? 'sudo finch' : 'finch';
  return (
    <section className="view" aria-labelledby="registries-heading">
      <div className="view-head">
        <h2 id="registries-heading">Registries</h2>
        <p className="view-sub">Where Finch pulls and pushes images, and where each login comes from.</p>
      </div>
      {registries.length > 0 ? (
        <RegistriesTable registries={registries} />
      ) : (
        <EmptyState title="No registries yet">
          <p>
            Finch has no registry logins in <FilePath file={finch.configFile} home={homeOf(status)} />. Log in once from a
            terminal, then choose Refresh:
          </p>
          <dl className="recipes">
            <dt>Docker Hub</dt>
            <dd>
              <code className="command">{`${finchCmd} login --username <user>`}</code>
            </dd>
            <dt>Amazon ECR</dt>
            <dd>
              <code className="command">{`aws ecr get-login-password --region <region> | ${finchCmd} login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com`}</code>
            </dd>
          </dl>
          {!finch.path && <p className="empty-note">Finch itself was not found: install it from runfinch.com first.</p>}
        </EmptyState>
      )}
    </section>
  );
}
