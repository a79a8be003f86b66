import { useCallback, useEffect, useRef, useState } from 'react';
import { recordKey } from '../../db/types.ts';
import { useNotices } from '../common/Notices.tsx';
import { focusWhenShown } from '../common/focus.ts';
import { lazyComponent } from '../common/lazyComponent.tsx';

const ResolveDialog = lazyComponent(
  () => import('./ResolveDialog.tsx').then((module) => module.ResolveDialog),
  'the conflict',
);

/**
 * Opens the resolution dialog for one record. "Decide later" returns focus to this button; a
 * decision makes the button go (the conflict is settled), so focus goes to `whenDecided`: the
 * editor's first field, the next conflict in a list.
 */
export function ResolveButton({
  collection,
  recordId,
  label,
  whenDecided,
}: {
  collection: string;
  recordId: string;
  /** The button's accessible name, e.g. "Resolve conflict: Shopping". */
  label: string;
  whenDecided: () => HTMLElement | null | undefined;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { withdraw } = useNotices();
  // This button appears when the record has a conflict, so also when a decision collided
  // again (P3): a "Conflict resolved" notice still up about it would now be wrong.
  useEffect(() => withdraw(recordKey(collection, recordId)), [withdraw, collection, recordId]);
  const close = useCallback(
    (decided: boolean) => {
      setOpen(false);
      // Both wait for the modal dialog to be gone: until then the page behind it is inert.
      focusWhenShown(decided ? whenDecided : () => button.current);
    },
    [whenDecided],
  );
  return (
    <>
      <button ref={button} type="button" className="resolve-button" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && <ResolveDialog collection={collection} recordId={recordId} onClose={close} />}
    </>
  );
}
