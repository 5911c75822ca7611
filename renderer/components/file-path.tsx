import { displayPath, shortPath } from '../format';

/**
 * A file the user may look for: monospace, shortened to ~/… when in the home folder (and, where space is short,
 * cut in the middle); the full path on hover.
 */
export function FilePath({ file, home, compact = false }: { file: string; home: string | null; compact?: boolean }) {
  const shown = compact ? shortPath(displayPath(file, home)) : displayPath(file, home);
  return (
    <code className="path" title={file}>
      {shown}
    </code>
  );
}
