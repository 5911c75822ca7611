// A sheet for the login dialogs, on the platform's own <dialog>: focus moves in and stays, Escape closes, the rest
// of the window is inert behind a dimmed backdrop. Shown while mounted.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  /** Escape; ignored while `busy` (a login under way finishes first). */
  onClose: () => void;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}

export function LoginModal({ labelledBy, onClose, busy = false, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    // The field the dialog starts in (React's autoFocus runs before the dialog is shown, so it cannot).
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `sheet ${className}` : 'sheet'}
      aria-labelledby={labelledBy}
      aria-busy={busy}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {children}
    </dialog>
  );
}

/** The spinner shown in a busy button (decorative: the button's text says what is happening). */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
