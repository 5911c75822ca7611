import { displayPath } from '../format';

/** A file the user may look for: monospace, shortened to ~/… when in the home folder, the full path on hover. */
export function FilePath({ file, home }: { file: string; home: string | null }) {
  const shown = displayPath(file, home);
  return (
    <code className="path" title={shown === file ? undefined : file}>
      {shown}
    </code>
  );
}
