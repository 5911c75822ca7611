// The preload's stand-in: window.finchLogins built in the page from the contract's channel and event lists,
// each method answered by the real handler table in this (test) process through the same envelope main uses.
import type { Page } from '@playwright/test';
import { channelNames, eventNames, type EventName, type Events } from '../../shared/contract';
import type { Result } from '../../shared/types';
import { dispatch } from '../../main/core/envelope';
import type { Handlers } from '../../main/core/handlers';
import { appOrigin } from './serve';

export interface CallRecord {
  channel: string;
  request: unknown;
  result: Result<unknown>;
}

export interface CspViolation {
  directive: string;
  blockedUri: string;
  sourceFile: string;
  line: number;
}

const invokeBinding = '__finchLoginsInvoke';
const cspBinding = '__finchLoginsCspViolation';
const harnessGlobal = '__finchLoginsHarness';

export interface BridgeHooks {
  onCall(call: CallRecord): void;
  onCspViolation(violation: CspViolation): void;
}

export async function installBridge(page: Page, handlers: Handlers, hooks: BridgeHooks): Promise<void> {
  // Same completeness check main makes when it registers the table: a channel without a handler fails here.
  const missing = channelNames.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`The handler table has no handler for: ${missing.join(', ')}`);

  await page.exposeBinding(invokeBinding, async (source, channel: string, request: unknown) => {
    // main's sender check, as far as it applies here: only our own page's top frame may call.
    if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== appOrigin) {
      const result: Result<unknown> = { ok: false, error: { kind: 'forbidden', message: 'This request did not come from the Finch Logins window.' } };
      hooks.onCall({ channel, request, result });
      return result;
    }
    const result = await dispatch(handlers, channel, request);
    hooks.onCall({ channel, request, result });
    return result;
  });
  await page.exposeBinding(cspBinding, (_source, violation: CspViolation) => hooks.onCspViolation(violation));
  await page.addInitScript(buildPageBridge, {
    origin: appOrigin,
    channels: [...channelNames],
    events: [...eventNames],
    names: { invoke: invokeBinding, csp: cspBinding, harness: harnessGlobal },
  });
}

/** Pushes an event to the page's listeners, as main's emit() does (payload cloned, as IPC would). */
export async function emitToPage<E extends EventName>(page: Page, event: E, payload: Events[E]): Promise<void> {
  await page.evaluate(
    ([name, event, payload]) => {
      const harness = (window as unknown as Record<string, { emit(e: string, p: unknown): void }>)[name];
      if (!harness) throw new Error('The harness bridge is not installed in this page.');
      harness.emit(event, payload);
    },
    [harnessGlobal, event, payload] as const,
  );
}

interface PageBridgeArgs {
  origin: string;
  channels: string[];
  events: string[];
  names: { invoke: string; csp: string; harness: string };
}

/** Runs in the page before its scripts, like the preload: it must not close over anything in this file. */
function buildPageBridge({ origin, channels, events, names }: PageBridgeArgs): void {
  if (window.location.origin !== origin) return;
  const w = window as unknown as Record<string, unknown>;
  const invoke = w[names.invoke] as (channel: string, request: unknown) => Promise<unknown>;
  const reportCsp = w[names.csp] as (v: unknown) => void;
  // The page sees only finchLogins, as behind contextBridge; the plumbing stays in this closure.
  delete w[names.invoke];
  delete w[names.csp];

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    api[channel] = (request?: unknown) => invoke(channel, request);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!events.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    // Wrapped, so subscribing the same function twice gives two independent subscriptions, as with ipcRenderer.on.
    const wrapped = (payload: unknown) => listener(payload);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  };
  Object.defineProperty(window, 'finchLogins', { value: Object.freeze(api), enumerable: true });

  Object.defineProperty(window, names.harness, {
    value: Object.freeze({
      emit(event: string, payload: unknown) {
        if (!events.includes(event)) throw new Error(`Unknown event: ${event}`);
        for (const listener of listeners.get(event) ?? []) {
          try {
            listener(structuredClone(payload));
          } catch (e) {
            // As with an IPC listener: the error is the page's, reported where pageerror sees it.
            setTimeout(() => {
              throw e;
            });
          }
        }
      },
    }),
  });

  window.addEventListener('securitypolicyviolation', (e) => {
    reportCsp({ directive: e.effectiveDirective, blockedUri: e.blockedURI, sourceFile: e.sourceFile, line: e.lineNumber });
  });
}
