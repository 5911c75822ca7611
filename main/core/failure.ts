// A failure the user can act on: a kind the UI and CLI branch on, a message in plain words, and the next step.
// Every error that leaves the core as an AppError is one of these (anything else is reported as "internal").
import type { ErrorKind } from '../../shared/ids';
import type { AppError, ErrorDetail } from '../../shared/types';
import { helperBinary, HelperError } from './credentials/helper';

export class Failure extends Error implements AppError {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly hint?: string,
    /** Extra data for the UI, e.g. the profile an SSO login needs. Never a secret. */
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }

  toJSON(): AppError {
    return { kind: this.kind, message: this.message, ...(this.hint ? { hint: this.hint } : {}), ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export const internalHint = 'This is a bug in Finch Logins. Refresh to try again.';

/** Any thrown value as the AppError that crosses the boundary (kind, message, hint — never a stack or cause). */
export function toAppError(e: unknown): AppError {
  if (e instanceof Failure) return e.toJSON();
  if (e instanceof HelperError) return helperFailure(e).toJSON();
  if (e instanceof Error) return { kind: 'internal', message: e.message || e.name, hint: internalHint };
  return { kind: 'internal', message: String(e), hint: internalHint };
}

/** A credential helper's own error as the user sees it: the helper's words, and what to check. */
function helperFailure(e: HelperError): Failure {
  if (e.kind === 'missing') return new Failure('helper-missing', e.message, `Install ${helperBinary(e.helper)}, or open Health to check the credential helper setup.`);
  if (e.kind === 'timeout') return new Failure('timeout', e.message, 'Unlock your keychain if it is asking, then try again.');
  return new Failure('helper-failed', e.message, 'Open Health to check the credential helper setup.');
}
