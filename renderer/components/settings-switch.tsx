// An on/off switch, as the platforms draw them in their settings: a native checkbox with role="switch" (so it is
// reached, named and toggled like any checkbox), drawn by styles/settings-switch.css. Never an inline style.
import type { ChangeEvent } from 'react';

interface Props {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** A change is on its way to main. */
  busy?: boolean;
  id?: string;
  /** When no <label> names it. */
  label?: string;
  describedBy?: string;
  title?: string;
  small?: boolean;
}

export function Switch({ checked, onChange, disabled = false, busy = false, id, label, describedBy, title, small = false }: Props) {
  return (
    <input
      type="checkbox"
      role="switch"
      className={small ? 'switch switch-small' : 'switch'}
      id={id}
      checked={checked}
      disabled={disabled}
      aria-checked={checked}
      aria-busy={busy || undefined}
      aria-label={label}
      aria-describedby={describedBy}
      title={title}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
    />
  );
}
