// "Add registry": paste a host and see what it is (read by shared/registry-host.ts, the same code main uses), or
// add the private ECR registries of an AWS profile's account in the regions picked.
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { AppError, Profile, Registry } from '../../shared/types';
import { dockerHubHost, ecrPublicHost, recogniseHost, regionPattern, type RecognisedHost } from '../../shared/registry-host';
import { kindLabel, plural } from '../format';
import { useAppStore } from '../store';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';
import { Spinner } from './icons';
import { profileOptionLabel } from './profile-picker';
import { RegionBoxes } from './region-boxes';
import { oneLine } from '../../shared/printable';

type Mode = 'host' | 'ecr';

/** The regions most teams use, offered as boxes to tick; any other goes in the text field. */
export const commonRegions = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
] as const;

interface Props {
  profiles: Profile[];
  registries: Registry[];
  onClose: () => void;
  /** Called with the hosts added (canonical), after the list has been refreshed. */
  onAdded: (hosts: string[]) => void;
  /** Where the focus goes when the dialog closes (see Dialog). */
  returnFocus?: (opener: HTMLElement | null) => HTMLElement | null | undefined;
}

export function AddRegistryDialog({ profiles, registries, onClose, onAdded, returnFocus }: Props) {
  const [mode, setMode] = useState<Mode>('host');
  const [busy, setBusy] = useState(false);
  const id = useId();

  return (
    <Dialog frame="sheet" labelledBy={`${id}-title`} onClose={onClose} busy={busy} {...(returnFocus ? { returnFocus } : {})}>
      <header className="sheet-head">
        <h2 id={`${id}-title`}>Add registry</h2>
        <p className="sheet-sub">Registries added here are listed before their first login.</p>
      </header>
      <div className="segmented" role="tablist" aria-label="How to add">
        <button type="button" role="tab" id={`${id}-tab-host`} aria-selected={mode === 'host'} aria-controls={`${id}-panel`} onClick={() => setMode('host')} disabled={busy}>
          By host
        </button>
        <button type="button" role="tab" id={`${id}-tab-ecr`} aria-selected={mode === 'ecr'} aria-controls={`${id}-panel`} onClick={() => setMode('ecr')} disabled={busy}>
          ECR from a profile
        </button>
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${mode}`}>
        {mode === 'host' ? (
          <ByHost registries={registries} busy={busy} setBusy={setBusy} onClose={onClose} onAdded={onAdded} />
        ) : (
          <EcrFromProfile profiles={profiles} busy={busy} setBusy={setBusy} onClose={onClose} onAdded={onAdded} />
        )}
      </div>
    </Dialog>
  );
}

interface PanelProps {
  busy: boolean;
  setBusy: (busy: boolean) => void;
  onClose: () => void;
  onAdded: (hosts: string[]) => void;
}

interface PanelFormProps {
  busy: boolean;
  onClose: () => void;
  /** What main refused, until the panel clears it. */
  error: AppError | null;
  /** Whether what is filled in can be sent (the submit button is enabled). */
  ready: boolean;
  submitLabel: string;
  /** Called on submit when ready and not busy. */
  onSubmit: () => void;
  /** The panel's fields. */
  children: ReactNode;
}

/** A panel's form: its fields, then what main refused (if anything), Cancel and the submit button. */
function PanelForm({ busy, onClose, error, ready, submitLabel, onSubmit, children }: PanelFormProps) {
  return (
    <form
      className="sheet-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) onSubmit();
      }}
      autoComplete="off"
    >
      <div className="sheet-fields">{children}</div>
      {error && <ErrorNotice error={error} className="sheet-error" />}
      <footer className="sheet-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!ready || busy}>
          {busy && <Spinner />}
          {submitLabel}
        </button>
      </footer>
    </form>
  );
}

function ByHost({ registries, busy, setBusy, onClose, onAdded }: PanelProps & { registries: Registry[] }) {
  const addRegistry = useAppStore((s) => s.addRegistry);
  const [input, setInput] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const id = useId();
  const seen = input.trim() === '' ? null : recogniseHost(input);
  const recognised = seen && !('error' in seen) ? seen : null;
  const listed = recognised ? registries.some((r) => r.host === recognised.host) : false;

  const submit = async () => {
    if (!recognised) return;
    setBusy(true);
    setError(null);
    const r = await addRegistry(recognised.host);
    setBusy(false);
    if (r.ok) onAdded([r.value]);
    else setError(r.error);
  };

  return (
    <PanelForm busy={busy} onClose={onClose} error={error} ready={!!recognised && !listed} submitLabel="Add registry" onSubmit={() => void submit()}>
      <label className="sheet-field">
        <span className="sheet-label">Registry host</span>
        <input
          className="text-input mono-input"
          spellCheck={false}
          data-autofocus
          placeholder="123456789012.dkr.ecr.eu-west-1.amazonaws.com"
          value={input}
          disabled={busy}
          aria-describedby={`${id}-seen`}
          onChange={(e) => {
            setInput(e.target.value);
            setError(null);
          }}
        />
      </label>
      <div className="presets">
        <span className="sheet-label">Presets</span>
        <button type="button" className="chip" disabled={busy} onClick={() => setInput(dockerHubHost)}>
          Docker Hub
        </button>
        <button type="button" className="chip" disabled={busy} onClick={() => setInput(ecrPublicHost)}>
          ECR Public
        </button>
      </div>
      <div id={`${id}-seen`} className="recognised" aria-live="polite">
        <Recognised seen={seen} listed={listed} />
      </div>
    </PanelForm>
  );
}

/** What the pasted host is, as the app will treat it. */
function Recognised({ seen, listed }: { seen: RecognisedHost | null; listed: boolean }) {
  if (!seen) {
    return <p className="recognised-empty">Paste a host: an ECR registry, public.ecr.aws, docker.io, ghcr.io or your own (registry.example.com:5000).</p>;
  }
  if ('error' in seen) {
    return <p className="recognised-error">{seen.error}</p>;
  }
  const how: Record<string, string> = {
    ecr: 'Logs in with an AWS profile: the one named after the account, or one in that account.',
    'ecr-public': 'Logs in with any AWS profile (tokens come from us-east-1).',
    'docker-hub': 'Logs in with your Docker ID and an access token.',
    other: 'Logs in with a username and a password or access token.',
  };
  return (
    <>
      <dl className="recognised-facts" aria-label="Recognised as">
        <div>
          <dt>Kind</dt>
          <dd>{kindLabel[seen.kind]}</dd>
        </div>
        {seen.ecr && (
          <>
            <div>
              <dt>Account</dt>
              <dd className="mono">{seen.ecr.accountId}</dd>
            </div>
            <div>
              <dt>Region</dt>
              <dd className="mono">{seen.ecr.region}</dd>
            </div>
            {(seen.ecr.fips || seen.ecr.dualStack) && (
              <div>
                <dt>Endpoint</dt>
                <dd>{[seen.ecr.fips && 'FIPS', seen.ecr.dualStack && 'dual-stack'].filter(Boolean).join(', ')}</dd>
              </div>
            )}
          </>
        )}
        <div className="recognised-host">
          <dt>Host</dt>
          <dd className="mono">{oneLine(seen.host)}</dd>
        </div>
      </dl>
      <p className="recognised-how">{listed ? 'This registry is already in the list.' : how[seen.kind]}</p>
    </>
  );
}

/** Region names from free text: "eu-south-1, me-central-1" or one per line. */
function parseRegions(text: string): { regions: string[]; invalid: string[] } {
  const words = text
    .split(/[\s,;]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  return { regions: words.filter((w) => regionPattern.test(w)), invalid: words.filter((w) => !regionPattern.test(w)) };
}

function EcrFromProfile({ profiles, busy, setBusy, onClose, onAdded }: PanelProps & { profiles: Profile[] }) {
  const addEcrFromProfile = useAppStore((s) => s.addEcrFromProfile);
  const [profile, setProfile] = useState(profiles[0]?.name ?? '');
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(profiles[0]?.region ? [profiles[0].region] : []));
  // Until a box is ticked by hand, the boxes follow the chosen profile's own region.
  const [touched, setTouched] = useState(false);
  const [other, setOther] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const id = useId();
  const typed = useMemo(() => parseRegions(other), [other]);
  const regions = [...new Set([...ticked, ...typed.regions])];
  // The profile's own region first among the boxes, when it is not a common one.
  const boxes = useMemo(() => {
    const own = profiles.find((p) => p.name === profile)?.region;
    return own && !(commonRegions as readonly string[]).includes(own) ? [own, ...commonRegions] : [...commonRegions];
  }, [profiles, profile]);

  if (profiles.length === 0) {
    return (
      <div className="sheet-form">
        <p className="sheet-sub">
          No AWS profiles yet. Add one from a terminal (<code className="mono">aws configure sso</code> or <code className="mono">aws configure --profile NAME</code>), then
          come back.
        </p>
        <footer className="sheet-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </footer>
      </div>
    );
  }

  const choose = (name: string) => {
    setProfile(name);
    setError(null);
    const region = profiles.find((p) => p.name === name)?.region;
    if (!touched) setTicked(new Set(region ? [region] : []));
    else if (region) setTicked((t) => new Set([...t, region]));
  };
  const toggle = (region: string, on: boolean) => {
    setTouched(true);
    setTicked((t) => {
      const next = new Set(t);
      if (on) next.add(region);
      else next.delete(region);
      return next;
    });
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await addEcrFromProfile(profile, regions);
    setBusy(false);
    if (r.ok) onAdded(r.value);
    else setError(r.error);
  };

  return (
    <PanelForm
      busy={busy}
      onClose={onClose}
      error={error}
      ready={!!profile && regions.length > 0 && typed.invalid.length === 0}
      submitLabel={regions.length > 1 ? `Add ${regions.length} registries` : 'Add registry'}
      onSubmit={() => void submit()}
    >
      <label className="sheet-field">
        <span className="sheet-label">AWS profile</span>
        <select className="select" value={profile} disabled={busy} onChange={(e) => choose(e.target.value)}>
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {profileOptionLabel(p)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="regions" disabled={busy}>
        <legend className="sheet-label">Regions</legend>
        <RegionBoxes regions={boxes} ticked={ticked} onToggle={toggle} />
        <label className="sheet-field">
          <span className="sheet-label-sub">Other regions</span>
          <input
            className="text-input mono-input"
            spellCheck={false}
            placeholder="eu-south-1, me-central-1"
            value={other}
            aria-invalid={typed.invalid.length > 0 || undefined}
            aria-describedby={`${id}-other`}
            onChange={(e) => setOther(e.target.value)}
          />
        </label>
        <p id={`${id}-other`} className={typed.invalid.length > 0 ? 'sheet-hint recognised-error' : 'sheet-hint'}>
          {typed.invalid.length > 0
            ? `Not a region name: ${typed.invalid.join(', ')}.`
            : `The account is the profile’s own (asked from AWS when the profile is not named after it). ${regions.length > 0 ? `${plural(regions.length, 'registry', 'registries')} will be added.` : 'Pick at least one region.'}`}
        </p>
      </fieldset>
    </PanelForm>
  );
}
