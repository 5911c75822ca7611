// Line icons drawn inline (no image requests, nothing for the CSP to allow). Decorative: hidden from screen readers.
import type { ReactNode } from 'react';

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

export const WarningIcon = () => (
  <Icon>
    <path d="M8 2.2 14.3 13H1.7Z" />
    <path d="M8 6.4v3" />
    <circle cx="8" cy="11.2" r=".35" fill="currentColor" />
  </Icon>
);

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
