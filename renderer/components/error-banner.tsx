import type { AppError } from '../../shared/types';
import { ErrorIcon } from './icons';

/** A failed read: what went wrong and the next step. The last good snapshot (if any) stays on screen below it. */
export function ErrorBanner({ error }: { error: AppError }) {
  return (
    <div className="error-banner" role="alert">
      <ErrorIcon />
      <div>
        <p className="error-message">{error.message}</p>
        {error.hint && <p className="error-hint">{error.hint}</p>}
      </div>
    </div>
  );
}
