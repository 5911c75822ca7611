// The window's side of main's focusRegistry (a notification clicked, "Show in Window" in the tray): the store has
// already switched to Registries and noted the host; this scrolls that host's row into view once it is drawn (the
// status may still be on its way) and ends its highlight a few seconds later. Renders nothing.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';
import { focusHighlightMs } from '../store/settings-slice';

export function RegistryFocus() {
  const focus = useAppStore((s) => s.focus);
  const section = useAppStore((s) => s.section);
  const status = useAppStore((s) => s.status);
  const clearFocus = useAppStore((s) => s.clearFocus);
  // The request already scrolled to, and the timers that end highlights.
  const shown = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    };
  }, []);

  useEffect(() => {
    if (!focus || section !== 'registries' || shown.current === focus.n) return;
    const later = (fn: () => void) => {
      const t = setTimeout(() => {
        timers.current.delete(t);
        fn();
      }, focusHighlightMs);
      timers.current.add(t);
    };
    const row = document.querySelector<HTMLElement>(`tr[data-host="${CSS.escape(focus.host)}"]`);
    if (!row) {
      // Not drawn yet: this runs again when the status arrives. A host the status does not list is let go.
      if (status) {
        shown.current = focus.n;
        const { n } = focus;
        later(() => clearFocus(n));
      }
      return;
    }
    shown.current = focus.n;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    row.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    // Asked again while still highlighted: the fade starts over.
    for (const cell of row.querySelectorAll(':scope > *')) for (const a of cell.getAnimations()) a.currentTime = 0;
    const { n } = focus;
    later(() => clearFocus(n));
  }, [focus, section, status, clearFocus]);

  return null;
}
