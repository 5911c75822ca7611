// Words for values that every shell (window, tray, CLI) shows the same way. Pure.

/** "7 h 12 m", "45 m", "<1 m": the countdown shown next to a login. */
export function formatRemaining(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1 m';
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${minutes % 60} m` : `${minutes} m`;
}
