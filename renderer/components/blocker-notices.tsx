// What stops Finch Logins from doing its job, said first, above everything in the view: Finch is not installed, or
// Finch's config.json cannot be understood. Each says what to do.
import { brokenConfigNextStep, configBlocksChanges } from '../../shared/config-file';
import type { Status } from '../../shared/types';
import { homeOf } from '../format';
import { useAppStore } from '../store';
import { FilePath } from './file-path';
import { ErrorIcon } from './icons';

/** Without Finch nothing can log in or out: the buttons are off, and point at the notice that says why. */
export const finchMissingNoticeId = 'finch-missing-title';
export const useFinchMissing = () => useAppStore((s) => !!s.status && !s.status.finch.path);
const offWithoutFinch = { disabled: true, 'aria-describedby': finchMissingNoticeId, title: 'Finch is not installed: see the notice above.' } as const;
export const withoutFinch = (missing: boolean) => (missing ? offWithoutFinch : {});

export function BlockerNotices({ status }: { status: Status }) {
  const home = homeOf(status);
  const { finch } = status;
  const configProblems = status.problems.filter((p) => p.file === finch.configFile).map((p) => p.message);
  return (
    <>
      {!finch.path && (
        <section className="callout callout-bad blocker" aria-labelledby="finch-missing-title">
          <ErrorIcon />
          <div className="callout-main">
            <h2 id={finchMissingNoticeId} className="callout-title">
              Finch is not installed
            </h2>
            <p>
              Finch Logins logs in through Finch, so no login can work until Finch is found. Install Finch from runfinch.com
              (macOS: <code>brew install --cask finch</code>), or set <code>FINCH_LOGINS_FINCH</code> to the finch program if it is
              installed somewhere else, then choose Refresh.
            </p>
          </div>
        </section>
      )}
      {configBlocksChanges(finch) && (
        <section className="callout callout-bad blocker" aria-labelledby="config-broken-title">
          <ErrorIcon />
          <div className="callout-main">
            <h2 id="config-broken-title" className="callout-title">
              Finch’s config.json is broken
            </h2>
            <p>
              <FilePath file={finch.configFile} home={home} />
            </p>
            {configProblems.map((m, i) => (
              <p key={i}>{m}</p>
            ))}
            <p className="callout-hint">{brokenConfigNextStep}</p>
          </div>
        </section>
      )}
    </>
  );
}

/** The problems the blocker notices do not already show. */
export function otherProblems(status: Status): Status['problems'] {
  return configBlocksChanges(status.finch) ? status.problems.filter((p) => p.file !== status.finch.configFile) : status.problems;
}
