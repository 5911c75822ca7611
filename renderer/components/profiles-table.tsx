// The AWS profiles Finch Logins can log in to ECR with, as the AWS CLI reads them.
import type { Profile } from '../../shared/types';
import { profileTypeLabel } from '../format';

export function ProfilesTable({ profiles, labelledBy }: { profiles: Profile[]; labelledBy: string }) {
  return (
    <table className="grid profiles" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Profile</th>
          <th scope="col">Type</th>
          <th scope="col">Region</th>
        </tr>
      </thead>
      <tbody>
        {profiles.map((p) => (
          <tr key={p.name}>
            <th scope="row" className="profile-name">
              {p.name}
            </th>
            <td>{profileTypeLabel[p.type]}</td>
            <td>
              {p.region ?? (
                <span className="none" title="No region set: ECR logins will ask for one">
                  Not set
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
