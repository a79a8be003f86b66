import { linkProps } from '../app/router.ts';
import { useConflictedKeys } from './ConflictMarker.tsx';

/**
 * The way to the conflicts list, shown while any record waits for a decision (and on the
 * list itself). Its name carries the count, so a screen reader hears how many.
 */
export function ConflictsLink({ current }: { current: boolean }) {
  const count = useConflictedKeys().size;
  if (!count && !current) return null;
  return (
    <a {...linkProps('/conflicts')} aria-current={current ? 'page' : undefined}>
      Conflicts{count ? ` (${count})` : ''}
    </a>
  );
}
