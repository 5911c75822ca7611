// The AWS profiles Finch Logins can log in to ECR with, as the AWS CLI reads them: each one's kind, the account and
// role it signs in to where its settings say (or STS said at a login here), its region, and whether it asks for an
// MFA code.
import type { Profile } from '../../shared/types';
import { profileTypeLabel } from '../format';

export function ProfilesTable({ profiles, labelledBy }: { profiles: Profile[]; labelledBy: string }) {
  return (
    <table className="grid profiles" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Profile</th>
          <th scope="col">Kind</th>
          <th scope="col">Account</th>
          <th scope="col">Region</th>
        </tr>
      </thead>
      <tbody>
        {profiles.map((p) => (
          <tr key={p.name}>
            <th scope="row" className="profile-name">
              {p.name}
            </th>
            <td>
              <div className="stack">
                <span>{profileTypeLabel[p.type]}</span>
                {(p.roleName || p.ssoSession) && (
                  <span className="sub">
                    {p.roleName && <>role {p.roleName}</>}
                    {p.roleName && p.ssoSession && ' · '}
                    {p.ssoSession && <>session {p.ssoSession}</>}
                  </span>
                )}
                {p.mfa && <span className="sub profile-mfa">Asks for an MFA code at each login</span>}
              </div>
            </td>
            <td>{p.accountId ? <span className="mono">{p.accountId}</span> : <span className="none">Not known until a login</span>}</td>
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
