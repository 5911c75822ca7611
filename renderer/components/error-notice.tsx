// What went wrong and, when known, the next step, behind the error mark.
import type { ReactNode } from 'react';
import type { AppError } from '../../shared/types';
import { Inline } from './health-text';
import { ErrorIcon } from './icons';

/**
 * The message and the hint in the frame `className` draws: `error-banner` (a failed read), `sheet-error` (in a
 * dialog), or a results line's own. `children` follow the words (a Dismiss button).
 */
export function ErrorNotice({ error, className, children }: { error: AppError; className: string; children?: ReactNode }) {
  return (
    <div className={className} role="alert">
      <ErrorIcon />
      <div>
        <p className="error-message">{error.message}</p>
        {error.hint && <p className="error-hint">{error.hint}</p>}
      </div>
      {children}
    </div>
  );
}

/** A failed read: what went wrong and the next step. The last good snapshot (if any) stays on screen below it. */
export function ErrorBanner({ error }: { error: AppError }) {
  return <ErrorNotice error={error} className="error-banner" />;
}

/** A failure in the Health view or its dialogs, titled, its words read as the checks' are (`code`, ~/ paths). */
export function ErrorCallout({ title, error, home }: { title: string; error: AppError; home: string | null }) {
  return (
    <div className="callout callout-bad" role="alert">
      <ErrorIcon />
      <div className="callout-main">
        <p className="callout-title">{title}</p>
        <p>
          <Inline text={error.message} home={home} />
        </p>
        {error.hint && (
          <p className="callout-hint">
            <Inline text={error.hint} home={home} />
          </p>
        )}
      </div>
    </div>
  );
}
