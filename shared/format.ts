// Words for values that every shell (window, tray, CLI) shows the same way. Pure.

/** "7 h 12 m", "45 m", "<1 m": the countdown shown next to a login. */
export function formatRemaining(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1 m';
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${minutes % 60} m` : `${minutes} m`;
}

/** Linux, not root: why the logins in root's config.json show as unknown (FinchInfo.configNeedsRoot). */
export const configNeedsRootNote =
  'Finch on Linux runs as root and keeps its logins in root\u2019s config.json, which only root can read: the logins in it show as unknown here. Logging in works: Finch Logins runs finch as root and asks for your password once per batch.';

/** "1 login", "2 logins": a count with its noun (no "login(s)"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
