// A change main refused, next to the control it belongs to: what went wrong and, when known, what to do.
import type { AppError } from '../../shared/types';
import { ErrorIcon } from './icons';

export function SettingsError({ error, id }: { error: AppError; id?: string }) {
  return (
    <p className="settings-error" role="alert" id={id}>
      <ErrorIcon />
      <span>
        {error.message}
        {error.hint && <span className="settings-error-hint"> {error.hint}</span>}
      </span>
    </p>
  );
}
