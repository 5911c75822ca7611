// The Health view's line icons, drawn like those in icons.tsx (16×16, 1.4 stroke). Decorative: hidden from screen
// readers, the words next to them say the same.
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

/** A heart-beat line: the Health section. */
export const HealthIcon = () => (
  <Icon>
    <path d="M1.8 8.4h2.7l1.6-3.6 2.6 7 1.9-5 1 1.6h2.6" />
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

const statusGlyph: Record<CheckStatus, ReactNode> = {
  ok: (
    <>
      <circle cx="8" cy="8" r="6.2" />
      <path d="m5.3 8.2 1.8 1.8 3.6-3.8" />
    </>
  ),
  warn: (
    <>
      <path d="M8 2.2 14.3 13H1.7Z" />
      <path d="M8 6.4v3" />
      <circle cx="8" cy="11.2" r=".35" fill="currentColor" />
    </>
  ),
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
