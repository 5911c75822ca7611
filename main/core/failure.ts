// A failure the user can act on: a kind the UI and CLI branch on, a message in plain words, and the next step.
// Every error that leaves the core as an AppError is one of these (anything else is reported as "internal").
import type { AppError } from '../../shared/types';

export class Failure extends Error implements AppError {
  constructor(
    readonly kind: string,
    message: string,
    readonly hint?: string,
    /** Extra data for the UI, e.g. the profile an SSO login needs. Never a secret. */
    readonly detail?: Record<string, string>,
  ) {
    super(message);
  }

  toJSON(): AppError & { detail?: Record<string, string> } {
    return { kind: this.kind, message: this.message, ...(this.hint ? { hint: this.hint } : {}), ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** Any thrown value as the AppError that crosses the boundary (kind, message, hint — never a stack or cause). */
export function toAppError(e: unknown): AppError {
  if (e instanceof Failure) return e.toJSON();
  if (e instanceof Error) {
    // Errors of the core that carry their own kind (HelperError …) keep it; anything else is unexpected.
    const kind = typeof (e as { kind?: unknown }).kind === 'string' ? (e as unknown as { kind: string }).kind : 'internal';
    return withHint({ kind, message: e.message || e.name }, kind === 'internal' ? 'This is a bug in Finch Logins. Refresh to try again.' : undefined);
  }
  return { kind: 'internal', message: String(e), hint: 'This is a bug in Finch Logins. Refresh to try again.' };
}

function withHint(error: AppError, hint: string | undefined): AppError {
  return hint ? { ...error, hint } : error;
}
