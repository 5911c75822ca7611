// Line icons drawn inline (no image requests, nothing for the CSP to allow), all 16×16 with a 1.4 stroke.
// Decorative: hidden from screen readers, the words next to them say the same.
import type { ReactNode } from 'react';
import type { CheckStatus } from '../../shared/types';

function Icon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const RefreshIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" />
    <path d="M12.2 1.8v2.6H9.6" />
  </Icon>
);

export const RegistriesIcon = () => (
  <Icon>
    <path d="M8 1.8 13.6 4.6v6.8L8 14.2 2.4 11.4V4.6Z" />
    <path d="M2.6 4.7 8 7.4l5.4-2.7M8 7.4v6.6" />
  </Icon>
);

export const ProfilesIcon = () => (
  <Icon>
    <circle cx="8" cy="5.6" r="2.6" />
    <path d="M2.9 13.8c.6-2.6 2.6-4 5.1-4s4.5 1.4 5.1 4" />
  </Icon>
);

/** A key: the IAM Identity Center section (sign-in and accounts). */
export const SsoIcon = () => (
  <Icon>
    <circle cx="5.4" cy="8" r="2.9" />
    <path d="M8.3 8h6M12 8v2.4M14.3 8v1.8" />
  </Icon>
);

/** A heart-beat line: the Health section. */
export const HealthIcon = () => (
  <Icon>
    <path d="M1.8 8.4h2.7l1.6-3.6 2.6 7 1.9-5 1 1.6h2.6" />
  </Icon>
);

export const GearIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="2.1" />
    <path d="M8 1.6v1.6M8 12.8v1.6M14.4 8h-1.6M3.2 8H1.6M12.5 3.5l-1.1 1.1M4.6 11.4l-1.1 1.1M12.5 12.5l-1.1-1.1M4.6 4.6 3.5 3.5" />
    <circle cx="8" cy="8" r="4.6" />
  </Icon>
);

/** A triangle with "!": a warning, and the mark of a check that warns. */
const warningGlyph = (
  <>
    <path d="M8 2.2 14.3 13H1.7Z" />
    <path d="M8 6.4v3" />
    <circle cx="8" cy="11.2" r=".35" fill="currentColor" />
  </>
);

export const WarningIcon = () => <Icon>{warningGlyph}</Icon>;

export const ErrorIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 4.8v3.6" />
    <circle cx="8" cy="10.9" r=".35" fill="currentColor" />
  </Icon>
);

export const LockOpenIcon = () => (
  <Icon>
    <rect x="3" y="7.2" width="10" height="6.8" rx="1.4" />
    <path d="M5.4 7.2V5a2.6 2.6 0 0 1 5.1-.7" />
  </Icon>
);

export const UndoIcon = () => (
  <Icon>
    <path d="M5.2 3.6 2.4 6.4l2.8 2.8" />
    <path d="M2.6 6.4h6.6a4 4 0 0 1 0 8H7" />
  </Icon>
);

export const RestartIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M8 2.2v4.6" />
    <path d="M4.6 4a5.6 5.6 0 1 0 6.8 0" />
  </Icon>
);

/** A cross: dismiss. */
export const CloseIcon = () => (
  <Icon>
    <path d="m4.5 4.5 7 7M11.5 4.5l-7 7" />
  </Icon>
);

const statusGlyph: Record<CheckStatus, ReactNode> = {
  ok: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="m5.3 8.2 1.8 1.8 3.6-3.8" />
    </>
  ),
  warn: warningGlyph,
  error: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="m5.8 5.8 4.4 4.4M10.2 5.8l-4.4 4.4" />
    </>
  ),
  skipped: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M5.2 8h5.6" />
    </>
  ),
};

/** The mark in front of a check: a tick, a triangle, a cross or a dash, in the status's colour. */
export function CheckStatusIcon({ status }: { status: CheckStatus }) {
  return <Icon className={`check-icon check-icon-${status}`}>{statusGlyph[status]}</Icon>;
}

/** The app's mark: a key in a rounded square. */
export const AppMark = () => (
  <svg className="app-mark" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
    <rect x="0.5" y="0.5" width="27" height="27" rx="7" className="app-mark-bg" />
    <g fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="10.5" cy="14" r="3.8" />
      <path d="M14.3 14H22M19.5 14v3M22 14v2.2" />
    </g>
  </svg>
);

/** The spinner shown in a busy button (drawn by styles/buttons.css; its text says what is happening). */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
