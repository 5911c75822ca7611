// A modal sheet on the platform's own <dialog>: focus moves in and is kept there, Escape asks to close, the rest of
// the window is inert behind a dimmed backdrop. Shown while mounted.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The id of the element naming the dialog (its heading). */
  labelledBy: string;
  /** Escape or a click on the backdrop; ignored while `busy`. */
  onClose: () => void;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}

export function Modal({ labelledBy, onClose, busy = false, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={labelledBy}
      aria-busy={busy}
      onCancel={(e) => {
        // The dialog closes only through the store, so what is shown always matches the state.
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself (its content is wrapped in .modal-body).
        if (e.target === e.currentTarget && !busy) onClose();
      }}
    >
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
