// The checks' and fixes' own words, made readable: `backticked` commands as code, paths in the home folder as ~/…,
// and blank lines as paragraphs.
import { Fragment } from 'react';

/** Every "<home>/…" in a sentence as "~/…" (the full paths stay in the file headers' tooltips). */
export function tildify(text: string, home: string | null): string {
  if (!home || home === '/') return text;
  return text.split(home + '/').join('~/');
}

/** One paragraph's text with `code` spans. */
export function Inline({ text, home }: { text: string; home: string | null }) {
  const parts = tildify(text, home).split('`');
  return (
    <>
      {parts.map((p, i) =>
        // An odd part sat between backticks; an unmatched last backtick stays as text.
        i % 2 === 1 && i < parts.length - 1 ? (
          <code key={i} className="inline-code">
            {p}
          </code>
        ) : (
          <Fragment key={i}>{i % 2 === 1 ? '`' + p : p}</Fragment>
        ),
      )}
    </>
  );
}

/** Text that may hold several paragraphs (separated by a blank line). */
export function Prose({ text, home, className }: { text: string; home: string | null; className?: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <div className={className ? `prose ${className}` : 'prose'}>
      {paragraphs.map((p, i) => (
        <p key={i}>
          <Inline text={p} home={home} />
        </p>
      ))}
    </div>
  );
}
