import type { ReactNode } from 'react';

/**
 * Small icons drawn as SVG, not emoji: an emoji is an empty box where the device has no emoji
 * font, and its colours ignore the theme. Each is decorative (aria-hidden): the text next to it
 * says what it means.
 */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A push pin: a pinned note. */
export function PinIcon() {
  return (
    <Icon>
      <path
        d="M5 1.5h6l-1 1.2v4l2.5 2.3v1.2H8.6V15h-1.2v-4.8H3.5V9l2.5-2.3v-4z"
        fill="currentColor"
      />
    </Icon>
  );
}

/** A star: a favourite contact. */
export function StarIcon() {
  return (
    <Icon>
      <path
        d="M8 1.2l2 4.3 4.7.6-3.4 3.2.9 4.6L8 11.6l-4.2 2.3.9-4.6L1.3 6.1 6 5.5z"
        fill="currentColor"
      />
    </Icon>
  );
}

/** A warning triangle: a record with a conflict to decide. */
export function WarningIcon() {
  return (
    <Icon>
      <path d="M8 1.5l7 12.5H1z" fill="currentColor" />
      <path d="M7.3 6h1.4v4H7.3zM7.3 11h1.4v1.4H7.3z" fill="var(--surface, #fff)" />
    </Icon>
  );
}

/** A tick in a circle: everything has reached the server. */
export function SyncedIcon() {
  return (
    <Icon>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M4.8 8.2l2.1 2.1 4.3-4.4" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </Icon>
  );
}

/** Two arrows chasing each other: syncing, or changes waiting to be sent. */
export function SyncingIcon() {
  return (
    <Icon>
      <path
        d="M13 6.5A5.2 5.2 0 0 0 3.4 5M3 9.5A5.2 5.2 0 0 0 12.6 11"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path d="M2.5 2.2v3.6h3.6zM13.5 13.8v-3.6H9.9z" fill="currentColor" />
    </Icon>
  );
}

/** A struck-out signal: no network; changes are kept on the device. */
export function OfflineIcon() {
  return (
    <Icon>
      <path
        d="M1.5 6.2a9.5 9.5 0 0 1 13 0M3.7 8.6a6.3 6.3 0 0 1 8.6 0M6 11a3 3 0 0 1 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path d="M2.5 1.8l11 12.4" stroke="currentColor" strokeWidth="1.6" />
    </Icon>
  );
}

/** A left-pointing chevron: back to the list. */
export function BackIcon() {
  return (
    <Icon>
      <path d="M10.5 2.5L5 8l5.5 5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </Icon>
  );
}
