// Username and password (or access token) for Docker Hub and any other registry, with "Remember in the keychain".
// The password never enters React state or the store: the field is read once on submit and emptied before the
// login is even sent, so a failed attempt starts again from an empty field.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError, Registry } from '../../shared/types';
import { dockerHubHost } from '../../shared/registry-host';
import { useAppStore, type PasswordPrompt } from '../store';
import { Dialog } from './dialog';
import { rowButton } from './focus';
import { ErrorNotice } from './error-notice';
import { Spinner } from './icons';
import { oneLine } from '../../shared/printable';

/** What to type, for the registries whose sign-in is well known. */
function advice(host: string): { user: string; secret: string; hint: string | null } {
  if (host === dockerHubHost) {
    return {
      user: 'Docker ID',
      secret: 'Access token',
      hint: 'Use a personal access token (Docker Hub → Account settings → Personal access tokens) rather than your password: it can be limited to reading and revoked on its own.',
    };
  }
  if (host === 'ghcr.io') {
    return { user: 'GitHub username', secret: 'Personal access token', hint: 'A GitHub personal access token (classic) with the read:packages scope, and write:packages to push.' };
  }
  return { user: 'Username', secret: 'Password or access token', hint: null };
}

export function PasswordDialog({ prompt, registry }: { prompt: PasswordPrompt; registry: Registry | undefined }) {
  const loginWithPassword = useAppStore((s) => s.loginWithPassword);
  const close = useAppStore((s) => s.closePasswordPrompt);
  const [username, setUsername] = useState(prompt.username ?? registry?.username ?? '');
  const [hasPassword, setHasPassword] = useState(false);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const { host } = prompt;
  const words = advice(host);

  // After a refused attempt, straight back to the (now empty) password field.
  useEffect(() => {
    if (error) passwordRef.current?.focus();
  }, [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const field = passwordRef.current;
    if (!field || submitting) return;
    const user = username.trim();
    if (!user || field.value === '') return;
    // Read once, then cleared before anything is awaited.
    const password = field.value;
    field.value = '';
    setHasPassword(false);
    setError(null);
    setSubmitting(true);
    const failure = await loginWithPassword(host, user, password, remember);
    if (failure) {
      setSubmitting(false);
      setError(failure);
    }
    // On success the store closes the dialog.
  };

  return (
    <Dialog frame="sheet" labelledBy={`${id}-title`} onClose={close} busy={submitting} className="sheet-narrow" returnFocus={(opener) => (opener?.isConnected ? opener : rowButton(host))}>
      <form className="sheet-form" onSubmit={(e) => void submit(e)} autoComplete="off">
        <header className="sheet-head">
          <h2 id={`${id}-title`}>Log in to {oneLine(host)}</h2>
          <p className="sheet-sub">{prompt.reason ?? 'Finch Logins hands these to finch login once; the password is not kept in the window.'}</p>
        </header>

        <div className="sheet-fields">
          <label className="sheet-field">
            <span className="sheet-label">{words.user}</span>
            <input
              className="text-input"
              name="username"
              autoComplete="username"
              spellCheck={false}
              data-autofocus={prompt.username || registry?.username ? undefined : true}
              value={username}
              disabled={submitting}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="sheet-field">
            <span className="sheet-label">{words.secret}</span>
            {/* Uncontrolled: the value lives only in the DOM field until submit empties it. */}
            <input
              ref={passwordRef}
              className="text-input"
              type="password"
              name="password"
              autoComplete="off"
              spellCheck={false}
              data-autofocus={prompt.username || registry?.username ? true : undefined}
              disabled={submitting}
              aria-describedby={words.hint ? `${id}-hint` : undefined}
              onInput={(e) => setHasPassword(e.currentTarget.value !== '')}
            />
          </label>
          {words.hint && (
            <p className="sheet-hint" id={`${id}-hint`}>
              {words.hint}
            </p>
          )}
          <label className="sheet-check">
            <input type="checkbox" checked={remember} disabled={submitting} onChange={(e) => setRemember(e.target.checked)} />
            <span>
              Remember in the keychain
              <span className="sheet-check-sub">For one-click re-login and Log in to all. The window never sees it again.</span>
            </span>
          </label>
        </div>

        {error && <ErrorNotice error={error} className="sheet-error" />}

        <footer className="sheet-actions">
          <button type="button" className="button" onClick={close} disabled={submitting}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={submitting || !hasPassword || username.trim() === ''}>
            {submitting && <Spinner />}
            {submitting ? 'Logging in…' : 'Log in'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
