// Where the keyboard focus goes when what held it goes away: a dialog closing, a confirmation answered, a row's
// result dismissed. Without this the browser drops it on <body>, and a keyboard user starts again from the top.

/** A registry row's first action button (Log in / Re-login), or its Log out button, by the row's host. */
export function rowButton(host: string, which: 'login' | 'logout' = 'login'): HTMLElement | null {
  const buttons = document.querySelectorAll<HTMLElement>(`tr[data-host="${CSS.escape(host)}"] .login-actions button`);
  if (which === 'logout') return [...buttons].find((b) => b.dataset.action === 'logout') ?? buttons[0] ?? null;
  return buttons[0] ?? null;
}

/** Focuses the first element found that can take it, once React has drawn the change that is under way. */
export function focusSoon(...candidates: (() => HTMLElement | null | undefined)[]): void {
  requestAnimationFrame(() => {
    // Another dialog has opened meanwhile: the focus is its own.
    if (document.querySelector('dialog[open]')) return;
    for (const find of candidates) {
      const el = find();
      if (el?.isConnected && !el.matches(':disabled')) {
        el.focus();
        return;
      }
    }
  });
}

/**
 * A control busy with its own work stays focusable: marked aria-disabled and drawn as disabled, where `disabled`
 * would drop the focus on <body> mid-task. Its handler must ignore activation while busy.
 */
export const busyAttrs = (busy: boolean): { 'aria-disabled'?: true } => (busy ? { 'aria-disabled': true } : {});
