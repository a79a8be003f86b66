import { goBackTo, linkProps } from '../app/router.ts';
import { BackIcon } from './icons.tsx';

/**
 * On a phone the list and the open record are separate views: this is the way back to the
 * list (hidden by the stylesheet on wide screens, where both panes show side by side).
 */
export function BackToList({ path, listName }: { path: string; listName: string }) {
  return (
    <a
      className="back-link"
      {...linkProps(path, goBackTo)}
      aria-label={`Back to ${listName.toLowerCase()}`}
    >
      <BackIcon />
      {listName}
    </a>
  );
}
