// How long a login has left ("expires in 7 h 12 m"), kept current by a clock that ticks every 30 s.
import { useEffect, useState } from 'react';
import { expiringWithinMs } from '../../shared/login-state';
import { formatRemaining } from '../format';

/** The current time, updated every `everyMs` while the component is shown. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

export type Remaining = 'ok' | 'soon' | 'past';

export function remainingTone(ms: number): Remaining {
  return ms <= 0 ? 'past' : ms < expiringWithinMs ? 'soon' : 'ok';
}

export function Countdown({ expiresAt, now }: { expiresAt: string; now: number }) {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  const left = at - now;
  const tone = remainingTone(left);
  return (
    <span className={`countdown countdown-${tone}`} title={new Date(at).toLocaleString()}>
      {tone === 'past' ? `expired ${formatRemaining(-left)} ago` : `expires in ${formatRemaining(left)}`}
    </span>
  );
}
