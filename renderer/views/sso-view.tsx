// IAM Identity Center: sign in (no AWS CLI needed), find every account and role you can reach, and add their ECR
// registries in one step.
import { useEffect } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { SsoAccountPicker } from '../components/sso-account-picker';
import { SsoPendingSignIn, SsoSessionBar } from '../components/sso-sign-in';
import { Spinner } from '../components/icons';
import { useAppStore } from '../store';

export function SsoView() {
  const sessions = useAppStore((s) => s.ssoSessions);
  const load = useAppStore((s) => s.loadSsoSessions);
  const list = useAppStore((s) => s.ssoAccounts);
  const error = useAppStore((s) => s.ssoError);
  const busy = useAppStore((s) => s.ssoBusy);
  const pending = useAppStore((s) => s.ssoPending);

  // Read again each time the view is shown: ~/.aws/config may have gained a session meanwhile.
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="view" aria-labelledby="sso-heading">
      <div className="view-head">
        <h2 id="sso-heading" className="view-title" tabIndex={-1}>IAM Identity Center</h2>
        <p className="view-sub">Sign in once, pick the accounts and roles you need, and add their ECR registries. The session is shared with the AWS CLI.</p>
      </div>
      {sessions !== null && <SsoSessionBar />}
      <SsoPendingSignIn />
      {error && <ErrorNotice error={error} className="error-banner" />}
      {busy === 'accounts' && !list && (
        <p className="sso-loading" role="status">
          <Spinner /> Finding your accounts and roles…
        </p>
      )}
      {list && !pending && <SsoAccountPicker list={list} />}
    </section>
  );
}
