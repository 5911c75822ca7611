// What the page keeps besides its HTML, as text, for "a secret is gone once submitted" checks: every React
// component's state and props (read from React's fiber tree under #root), every zustand store those components
// use (found through the hooks' dependency lists, then dumped whole with getState()), the live values of the form
// fields, and the page's own globals. React's internals are not an API: if the tree cannot be read, this throws
// rather than let a check pass on nothing.
import type { Page } from '@playwright/test';

export interface PageState {
  /** JSON of every hook state and every props object in the tree. */
  react: string;
  /** JSON of each zustand store's whole state (functions left out). */
  stores: string[];
  /** The current value of every <input> and <textarea>. */
  fields: string[];
  /** JSON of the window's own enumerable properties that are plain data. */
  globals: string;
}

export async function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const rootEl = document.getElementById('root');
    const containerKey = rootEl && Object.keys(rootEl).find((k) => k.startsWith('__reactContainer$'));
    if (!rootEl || !containerKey) throw new Error('No React root found under #root: cannot read the page state.');

    type Fiber = { child: Fiber | null; sibling: Fiber | null; memoizedState: unknown; memoizedProps: unknown; tag: number };
    const skipKeys = new Set(['_owner', '_store', 'return', 'child', 'sibling', 'alternate', 'stateNode', '_debugOwner', '_debugStack', '_debugTask']);
    const stores = new Set<{ getState(): unknown }>();
    const isStore = (v: unknown): v is { getState(): unknown } =>
      !!v && typeof v === 'object' && ['getState', 'setState', 'subscribe'].every((k) => typeof (v as Record<string, unknown>)[k] === 'function');

    /** JSON of plain data reachable from `value`: no functions, DOM nodes or fibers; cycles cut. */
    const dump = (value: unknown): string => {
      const seen = new WeakSet<object>();
      return JSON.stringify(value, function (key, v: unknown) {
        if (skipKeys.has(key) || typeof v === 'function' || typeof v === 'symbol') return undefined;
        if (v && typeof v === 'object') {
          if (v instanceof Node || v instanceof Window) return undefined;
          if (isStore(v)) stores.add(v);
          if (seen.has(v)) return undefined;
          seen.add(v);
        }
        return v;
      });
    };

    const parts: string[] = [];
    const rootFiber = (rootEl as unknown as Record<string, Fiber>)[containerKey]!;
    const stack: Fiber[] = [rootFiber];
    let fibers = 0;
    while (stack.length > 0) {
      const f = stack.pop()!;
      fibers++;
      parts.push(dump(f.memoizedProps) ?? '');
      // Function components keep a linked list of hooks; class components and host roots keep plain state.
      let hook = f.memoizedState as { memoizedState?: unknown; queue?: { lastRenderedState?: unknown }; next?: unknown } | null;
      let guard = 0;
      while (hook && typeof hook === 'object' && guard++ < 500) {
        parts.push(dump(hook.memoizedState) ?? '');
        if (hook.queue && typeof hook.queue === 'object') parts.push(dump(hook.queue.lastRenderedState) ?? '');
        hook = 'next' in hook ? (hook.next as typeof hook) : null;
      }
      if (f.sibling) stack.push(f.sibling);
      if (f.child) stack.push(f.child);
    }
    if (fibers < 10) throw new Error(`Only ${fibers} React fibers found: the page has not rendered.`);

    const fields = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value);
    const globals: Record<string, unknown> = {};
    for (const key of Object.keys(window)) {
      const v = (window as unknown as Record<string, unknown>)[key];
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v) || (typeof v === 'object' && !(v instanceof Node) && v !== window)) globals[key] = v;
    }
    return {
      react: parts.join('\n'),
      stores: [...stores].map((s) => dump(s.getState())),
      fields,
      globals: dump(globals),
    };
  });
}
