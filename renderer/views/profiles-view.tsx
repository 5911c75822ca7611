import type { Status } from '../../shared/types';
import { Command } from '../components/command';
import { EmptyState } from '../components/empty-state';
import { ProfilesTable } from '../components/profiles-table';

export function ProfilesView({ status }: { status: Status }) {
  return (
    <section className="view" aria-labelledby="profiles-heading">
      <div className="view-head">
        <h2 id="profiles-heading" className="view-title" tabIndex={-1}>AWS profiles</h2>
        <p className="view-sub">The profiles in your AWS config and credentials files, as the AWS CLI reads them.</p>
      </div>
      {status.profiles.length > 0 ? (
        <ProfilesTable profiles={status.profiles} labelledBy="profiles-heading" />
      ) : (
        <EmptyState title="No AWS profiles">
          <p>Amazon ECR logins use an AWS profile. Add one from a terminal, then choose Refresh:</p>
          <dl className="recipes">
            <dt>IAM Identity Center</dt>
            <dd>
              <Command text="aws configure sso" />
            </dd>
            <dt>Access keys</dt>
            <dd>
              <Command text="aws configure --profile <name>" />
            </dd>
          </dl>
        </EmptyState>
      )}
    </section>
  );
}
