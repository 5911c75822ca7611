// The AWS profile an ECR (or ECR Public) row logs in with. "Automatic" leaves the choice to the app: the profile
// named after the account, else one found in that account (ECR Public: the default profile).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Profile, Registry } from '../../shared/types';
import { useAppStore } from '../store';
import { WarningIcon } from './icons';
import { oneLine } from '../../shared/printable';

const accountId = /^\d{12}$/;
/** The select's value for "the IAM Identity Center role it was added with" (no profile can have this name). */
const ssoValue = '\u0000identity-center';

/**
 * The one account claim the window can make honestly: a profile named after an account id (Finch's documented
 * convention) is for that account. Anything else would need AWS to answer, so nothing is said.
 */
export function accountMismatch(profile: string | null, registry: Registry): string | null {
  if (!profile || !registry.accountId || !accountId.test(profile) || profile === registry.accountId) return null;
  return `Named after account ${profile}, but this registry is in ${registry.accountId}.`;
}

export function profileOptionLabel(p: Profile): string {
  return `${p.name} · ${p.region ?? 'no region'}`;
}

/** A key that changes a closed <select>'s value in place (not one that opens its list: Space, Alt+arrow, F4). */
function stepsClosed(e: KeyboardEvent<HTMLSelectElement>): boolean {
  if (e.altKey || e.metaKey || e.ctrlKey) return false;
  return ['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key) || (e.key.length === 1 && e.key !== ' ');
}

export function ProfilePicker({ registry, profiles }: { registry: Registry; profiles: Profile[] }) {
  const busy = useAppStore((s) => s.busy[registry.host]);
  const focus = useAppStore((s) => (s.profileFocus?.host === registry.host ? s.profileFocus.n : 0));
  const setProfile = useAppStore((s) => s.setProfile);
  const ref = useRef<HTMLSelectElement>(null);
  const warningId = useId();
  // On Linux and Windows the arrow keys change a closed <select> one option at a time: each such change is only a
  // draft, saved when the user leaves the field or presses Enter (Escape puts the saved one back). A choice made in
  // the open list (mouse, or Enter in the list) is saved at once.
  const [draft, setDraft] = useState<string | null>(null);
  const keyed = useRef(false);

  // A login that could not choose a profile asks for this picker.
  useEffect(() => {
    if (focus > 0) ref.current?.focus();
  }, [focus]);

  // Added from IAM Identity Center: it logs in with that role until a profile is picked.
  const role = registry.sso && !registry.profile ? `${registry.sso.roleName} · Identity Center` : null;
  if (profiles.length === 0) {
    return <span className="sub none">{role ?? 'No AWS profiles'}</span>;
  }
  const current = registry.profile;
  const known = current === null || profiles.some((p) => p.name === current);
  const warning = accountMismatch(current, registry);
  // What the select shows when nothing is being changed: the bound profile, the Identity Center role, or Automatic.
  const saved = current ?? (role ? ssoValue : '');
  // The choice stays shown until the refreshed status carries it (no flash of the old profile while it saves).
  const save = (value: string) => {
    if (value === saved || value === ssoValue) return setDraft(null);
    setDraft(value);
    void setProfile(registry.host, value || null).finally(() => setDraft(null));
  };
  const commit = () => {
    if (draft !== null) save(draft);
  };

  return (
    <div className="profile-picker">
      <label className="profile-picker-row">
        <span className="profile-picker-label">Profile</span>
        <select
          ref={ref}
          className="select"
          value={draft ?? saved}
          title={current ? profileOptionLabel(profiles.find((p) => p.name === current) ?? { name: current, region: null, type: 'other' }) : registry.kind === 'ecr-public' ? 'Automatic: your default profile' : 'Automatic: the profile named after the account, else one found in it'}
          disabled={!!busy && busy !== 'profile'}
          aria-busy={busy === 'profile' || undefined}
          aria-label={`AWS profile for ${oneLine(registry.host)}`}
          aria-describedby={warning ? warningId : undefined}
          aria-invalid={warning ? true : undefined}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape' && draft !== null) {
              e.preventDefault();
              setDraft(null);
            } else keyed.current = stepsClosed(e);
          }}
          onBlur={commit}
          onChange={(e) => {
            const value = e.target.value;
            const fromKeys = keyed.current;
            keyed.current = false;
            if (fromKeys) setDraft(value);
            else save(value);
          }}
        >
          {role && <option value={ssoValue}>{role}</option>}
          <option value="">Automatic</option>
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {profileOptionLabel(p)}
            </option>
          ))}
          {!known && current && <option value={current}>{`${current} · not in your AWS files`}</option>}
        </select>
      </label>
      {warning && (
        <span className="profile-warning" id={warningId}>
          <WarningIcon />
          {warning}
        </span>
      )}
      {!known && current && !warning && (
        <span className="profile-warning">
          <WarningIcon />
          {`Profile ${current} is not in your AWS files any more.`}
        </span>
      )}
    </div>
  );
}
