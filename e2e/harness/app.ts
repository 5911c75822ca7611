// One window under test: the built renderer in Chromium, its bridge answered by the real handler table built
// from a sandbox home's environment. Anything the window should never do (a console error, an uncaught
// exception, a CSP violation, a network request) is collected and fails the spec at its end.
import type { ConsoleMessage, Page } from '@playwright/test';
import type { EventName, Events } from '../../shared/contract';
import type { Status } from '../../shared/types';
import { currentEnv, type Env } from '../../main/core/env';
import { createHandlers, type HandlerDeps, type Handlers } from '../../main/core/handlers';
import { startStatusWatcher } from '../../main/core/watch/status-watcher';
import { emitToPage, installBridge, type CallRecord } from './bridge';
import type { SandboxHome } from './sandbox-home';
import { appEntryUrl, serveRenderer } from './serve';

export interface OpenOptions {
  /** Adjusts the real table, e.g. to make one channel fail; the rest still reaches main's code. */
  handlers?: (real: Handlers) => Handlers;
  /** Stand-ins for the table's outside dependencies (a keychain …); `emit` is always the harness's own. */
  deps?: Omit<HandlerDeps, 'emit'>;
}

export class AppHarness {
  /** Every contract call the window made, with the envelope it got back. */
  readonly calls: CallRecord[] = [];
  /** What went wrong in the page; must be empty when the spec ends. */
  readonly failures: string[] = [];
  env: Env | null = null;
  handlers: Handlers | null = null;

  constructor(readonly page: Page) {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error' || msg.type() === 'assert') {
        const where = msg.location().url ? ` (${msg.location().url}:${msg.location().lineNumber})` : '';
        this.failures.push(`console.${msg.type()}: ${msg.text()}${where}`);
      }
    });
    page.on('pageerror', (e) => this.failures.push(`uncaught exception: ${e.stack ?? e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) this.failures.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  }

  /** Builds the real handler table from the sandbox's variables, serves the renderer and opens the window. */
  async open(home: SandboxHome | Record<string, string>, opts: OpenOptions = {}): Promise<void> {
    const vars = 'vars' in home && typeof home.vars === 'object' ? (home as SandboxHome).vars : (home as Record<string, string>);
    this.env = currentEnv(vars);
    const emit: HandlerDeps['emit'] = (event, payload) => {
      // Like main's emit to a destroyed window: an event for a page that has gone is dropped.
      this.emit(event, payload).catch((e: Error) => {
        if (!this.page.isClosed()) this.failures.push(`emitting ${event} failed: ${e.message}`);
      });
    };
    const real = createHandlers(this.env, { ...opts.deps, emit });
    this.handlers = opts.handlers ? opts.handlers(real) : real;
    await serveRenderer(this.page, (request) => this.failures.push(`network request refused: ${request.method()} ${request.url()}`));
    await installBridge(this.page, this.handlers, {
      onCall: (call) => this.calls.push(call),
      onCspViolation: (v) => this.failures.push(`CSP violation: ${v.directive} blocked ${v.blockedUri || '(inline)'} in ${v.sourceFile}:${v.line}`),
    });
    await this.page.goto(appEntryUrl);
  }

  /** Pushes an event to the window, as main does. */
  emit<E extends EventName>(event: E, payload: Events[E]): Promise<void> {
    return emitToPage(this.page, event, payload);
  }

  /** Reads the status through the real table and pushes it, like main after it notices a change. */
  async pushStatus(): Promise<Status> {
    if (!this.handlers) throw new Error('open() the window first');
    const status = await this.handlers.getStatus(undefined);
    await this.emit('statusChanged', status);
    return status;
  }

  /**
   * Follows the sandbox's files as main does (main/core/watch: folder watches, debounced re-read) and pushes each
   * new status to the window. Returns the function that stops it.
   */
  watchFiles(): () => void {
    if (!this.env) throw new Error('open() the window first');
    const watcher = startStatusWatcher(this.env, {
      onStatus: (status) => void this.emit('statusChanged', status).catch(() => undefined),
      onError: (e) => this.failures.push(`status watcher: ${e instanceof Error ? e.message : String(e)}`),
    });
    return () => watcher.stop();
  }

  /** Everything that crossed the bridge towards the page, as one string: for "never shows a secret" checks. */
  transcript(): string {
    return JSON.stringify(this.calls.map((c) => c.result));
  }
}
