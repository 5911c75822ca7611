// Whether a process still exists, by pid: how leftovers of a crashed writer (a lock ticket, a temp file, a pending
// fix) are told from those of one still at work.
export function processExists(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists and belongs to another user (e.g. the CLI run with sudo).
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
