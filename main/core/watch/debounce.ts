// Editors save in bursts (write temp, rename, chmod; Finch rewrites finch.yaml twice): one refresh per burst.

export interface Debounced {
  (): void;
  /** Drops a pending call (on shutdown). */
  cancel(): void;
}

/** Calls fn once, `ms` after the last of a burst of calls (trailing edge only). */
export function debounce(fn: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const debounced = (() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
    // A pending refresh must not keep a CLI or a test process alive.
    (timer as { unref?: () => void }).unref?.();
  }) as Debounced;
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return debounced;
}
