import { goBackTo } from '../app/router.ts';
import { BackIcon } from './icons.tsx';

/**
 * On a phone the list and the open record are separate views: this is the way back to the
 * list (hidden by the stylesheet on wide screens, where both panes show side by side).
 */
export function BackToList({ path, listName }: { path: string; listName: string }) {
  return (
    <a
      className="back-link"
      href={path}
      aria-label={`Back to ${listName.toLowerCase()}`}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        goBackTo(path);
      }}
    >
      <BackIcon />
      {listName}
    </a>
  );
}
