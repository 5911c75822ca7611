// The answer every contract call gets: `{ ok: true, value }` or `{ ok: false, error: { kind, message, hint } }`.
// main/app/ipc.ts and the e2e harness both wrap the handler table with this, so Chromium sees exactly what the
// Electron window sees. Only the error's kind, message and hint cross: never a stack, a cause or an object that
// might carry a secret. Errors meant for the user are Failures (main/core/failure.ts).
import type { Channel } from '../../shared/contract';
import { requestSchemas } from '../../shared/schemas';
import type { Result } from '../../shared/types';
import { toAppError } from './failure';
import type { Handlers } from './handlers';

/** Runs fn and never rejects: a thrown error becomes an AppError in the envelope. */
export async function toResult<T>(fn: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
}

/**
 * One call as it crosses the boundary: the channel must exist, the payload must match its schema, and the
 * answer is an envelope. (The sender check stays with the shell that knows who the sender is.)
 */
export async function dispatch(handlers: Handlers, name: string, payload: unknown): Promise<Result<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(requestSchemas, name)) {
    return { ok: false, error: { kind: 'invalid-request', message: `Unknown channel: ${name}` } };
  }
  const channel = name as Channel;
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: { kind: 'invalid-request', message: `Invalid request for ${channel}: ${parsed.error.issues[0]?.message ?? 'bad payload'}` } };
  }
  const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
  return toResult(() => handler(parsed.data));
}
