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
