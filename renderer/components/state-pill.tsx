import type { Tone } from '../format';

/** A coloured state word. The colour repeats what the word says; it never carries meaning on its own. */
export function StatePill({ tone, label, title }: { tone: Tone; label: string; title?: string }) {
  return (
    <span className={`pill pill-${tone}`} title={title}>
      <span className="pill-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
