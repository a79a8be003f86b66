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
