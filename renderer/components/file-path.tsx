import { displayPath, shortPath } from '../format';

/**
 * A file the user may look for: monospace, shortened to ~/… when in the home folder (and, where space is short,
 * cut in the middle); the full path on hover, and for a screen reader in place of the cut one (hover is not for
 * everyone; Health's checks show it in full too).
 */
export function FilePath({ file, home, compact = false }: { file: string; home: string | null; compact?: boolean }) {
  const full = displayPath(file, home);
  const shown = compact ? shortPath(full) : full;
  return (
    <code className="path" title={file}>
      {shown === full ? (
        shown
      ) : (
        <>
          <span aria-hidden="true">{shown}</span>
          <span className="visually-hidden">{full}</span>
        </>
      )}
    </code>
  );
}
