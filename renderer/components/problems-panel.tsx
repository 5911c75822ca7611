// Files that could not be read as expected. The rest of the window still shows what could be read.
import type { Problem } from '../../shared/types';
import { plural } from '../format';
import { FilePath } from './file-path';
import { WarningIcon } from './icons';

export function ProblemsPanel({ problems, home }: { problems: Problem[]; home: string | null }) {
  if (problems.length === 0) return null;
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h2 id="problems-heading">
        <WarningIcon />
        {plural(problems.length, 'problem')}
      </h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.file}:${i}`}>
            <FilePath file={p.file} home={home} />
            <p>{p.message}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
