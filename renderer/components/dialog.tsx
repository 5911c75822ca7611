// Every dialog of the window, on the platform's own <dialog>: focus moves in (to the [data-autofocus] field when
// there is one: React's autoFocus runs before the dialog is shown, so it cannot) and is kept there, Escape asks to
// close, the rest of the window is inert behind a dimmed backdrop. Shown while mounted. When it closes, the focus
// goes back to the control that opened it (or where `returnFocus` says), never to <body>.
import { useEffect, useRef, type ReactNode } from 'react';
import { focusSoon } from './focus';

interface Props {
  /** The id of the element naming the dialog (its heading). */
  labelledBy: string;
  /** Escape, or a click on a modal's backdrop; ignored while `busy` (what is under way finishes first). */
  onClose: () => void;
  busy?: boolean;
  /**
   * `modal`: a frame of header, scrolling body and footer (the Fix preview, the restart confirmation), its content
   * wrapped in .modal-body so that a click on the backdrop can be told apart and closes it too. `sheet`: one padded
   * sheet (the login dialogs); Escape closes it, a click beside it does not.
   */
  frame?: 'modal' | 'sheet';
  className?: string;
  /**
   * Where the focus goes on close, given the control that opened the dialog (the default), e.g. the row's Log in when
   * the result that held the opener is gone. Read when the dialog closes.
   */
  returnFocus?: (opener: HTMLElement | null) => HTMLElement | null | undefined;
  children: ReactNode;
}

export function Dialog({ labelledBy, onClose, busy = false, frame = 'modal', className, returnFocus, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const fallback = useRef(returnFocus);
  useEffect(() => {
    fallback.current = returnFocus;
  });

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body && !d.contains(active) ? active : null;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      d.close();
      // Last resort: the heading of the view underneath (focusable by script only), where a keyboard user can go on.
      focusSoon(() => (fallback.current ? fallback.current(opener) : opener), () => opener, () => document.querySelector<HTMLElement>('.view .view-title'));
    };
  }, []);

  const modal = frame === 'modal';
  return (
    <dialog
      ref={ref}
      className={className ? `${frame} ${className}` : frame}
      aria-labelledby={labelledBy}
      aria-busy={busy}
      onCancel={(e) => {
        // The dialog closes only through the store, so what is shown always matches the state.
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClick={
        modal
          ? (e) => {
              // A click on the backdrop lands on the <dialog> itself.
              if (e.target === e.currentTarget && !busy) onClose();
            }
          : undefined
      }
    >
      {modal ? <div className="modal-body">{children}</div> : children}
    </dialog>
  );
}
