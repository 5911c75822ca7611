import { Fragment } from 'react';

/**
 * A command to copy into a terminal. Lines break only between words, never inside one ("--password-stdin"),
 * and the copied text is exactly the command.
 */
export function Command({ text }: { text: string }) {
  const words = text.split(' ');
  return (
    <code className="command">
      {words.map((w, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="command-word">{w}</span>
        </Fragment>
      ))}
    </code>
  );
}
