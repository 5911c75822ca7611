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

/** The file-system errors a user can do something about: a folder they cannot write, a full or read-only disk. */
const fileSystemCauses: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
};

/** Calls that only read: their failure is not a failed write (most that reach here are writes, or an open). */
const readSyscalls = new Set(['read', 'scandir', 'stat', 'lstat', 'readlink', 'access', 'realpath']);

/** A file-system error as a Failure naming the file or folder and the cause, or null for anything else. */
export function fileSystemFailure(e: unknown, context?: string): Failure | null {
  const err = e as NodeJS.ErrnoException;
  const cause = err && typeof err.code === 'string' ? fileSystemCauses[err.code] : undefined;
  if (!cause) return null;
  const where = typeof err.path === 'string' ? err.path : 'a file';
  const full = err.code === 'ENOSPC' || err.code === 'EDQUOT';
  const verb = readSyscalls.has(err.syscall ?? '') ? 'read' : 'written';
  return new Failure(
    'file-system',
    `${context ? `${context}: ` : ''}${where} could not be ${verb}: ${cause} (${err.code}).`,
    full
      ? 'Free some space on that disk, then try again.'
      : `Check that you own that folder and may ${verb === 'read' ? 'read' : 'write to'} it (ls -ld ${JSON.stringify(where)}), then try again.`,
  );
}

/** Any thrown value as the AppError that crosses the boundary (kind, message, hint — never a stack or cause). */
export function toAppError(e: unknown): AppError {
  if (e instanceof Failure) return e.toJSON();
  const fs = fileSystemFailure(e);
  if (fs) return fs.toJSON();
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
