// Samples every process's command line and environment from /proc while something runs, so a test can prove a
// secret never appeared in either.
import { readdirSync, readFileSync } from 'node:fs';

export interface Sighting {
  pid: string;
  where: 'argv' | 'environ';
  text: string;
}

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`).toString('utf8').replace(/\0/g, ' ');
  } catch {
    return ''; // the process ended between listing and reading
  }
}

function parentOf(pid: string): string {
  // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ')'.
  const stat = readProc(pid, 'stat');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '';
}

function descendsFrom(pid: string, root: string): boolean {
  for (let p = pid, hops = 0; p && p !== '0' && hops < 64; p = parentOf(p), hops++) if (p === root) return true;
  return false;
}

/**
 * Polls /proc until `until` settles, looking at `root` and every process it starts (the test's own processes hold
 * the stack's passwords in their environment, so they are not looked at); returns every sighting of a secret.
 */
export async function sampleProcesses<T>(
  root: number,
  secrets: string[],
  until: Promise<T>,
  /** Also keeps every command line and environment seen, for secrets only known afterwards (a token issued meanwhile). */
  seen?: Set<string>,
): Promise<{ result: T; samples: number; sightings: Sighting[]; commands: Set<string> }> {
  let done = false;
  let samples = 0;
  const sightings: Sighting[] = [];
  const commands = new Set<string>();
  const finished = until.finally(() => (done = true));
  while (!done) {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      if (!descendsFrom(pid, String(root))) continue;
      const argv = readProc(pid, 'cmdline');
      const environ = readProc(pid, 'environ');
      samples++;
      if (argv) commands.add(argv.split(' ').slice(0, 5).join(' '));
      seen?.add(argv).add(environ);
      for (const s of secrets) {
        if (argv.includes(s)) sightings.push({ pid, where: 'argv', text: argv });
        if (environ.includes(s)) sightings.push({ pid, where: 'environ', text: '(environment)' });
      }
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return { result: await finished, samples, sightings, commands };
}
