// The slices' way to main: the bridge the preload exposes, each call made into an envelope whatever happens, and
// a small record helper the slices share.
import type { Api } from '../../shared/contract';
import type { AppError, Result } from '../../shared/types';

/** The bridge, looked up when used: a page opened outside the app (or a broken preload) gets an error, not a crash. */
export function bridge(): Api | null {
  return typeof window !== 'undefined' && window.finchLogins ? window.finchLogins : null;
}

const unreachable = { kind: 'no-bridge', message: 'This window cannot reach Finch Logins.' } as const;
/** No bridge, said in place of the status and the checks. */
export const noBridge: AppError = { ...unreachable, hint: 'Open it from the Finch Logins app; the page does nothing on its own.' };
/** No bridge, said next to a login or a setting. */
export const noBridgeForAction: AppError = { ...unreachable, hint: 'Open it from the Finch Logins app.' };

/**
 * A slice's `call`: one bridge call as an envelope, whatever happens. Without a bridge it answers `offline`; the
 * bridge answers with an envelope and never throws, so a throw (e.g. a channel missing) is logged as the bug it is.
 */
export function bridgeCaller(offline: AppError) {
  return async function call<T>(name: keyof Api, run: (api: Api) => Promise<Result<T>>): Promise<Result<T>> {
    const api = bridge();
    if (!api) return { ok: false, error: offline };
    try {
      return await run(api);
    } catch (e) {
      console.error(`finchLogins.${String(name)} threw:`, e);
      return { ok: false, error: { kind: 'bridge', message: e instanceof Error ? e.message : String(e) } };
    }
  };
}

/** The record without `key` (the same record when it has none, so an unchanged state stays unchanged). */
export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}
