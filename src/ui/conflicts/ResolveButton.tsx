import { useCallback, useRef, useState } from 'react';
import type { CollectionName } from '../../protocol/records.ts';
import { ResolveDialog } from './ResolveDialog.tsx';

/** Opens the resolution dialog for one record; focus returns to the button when it closes. */
export function ResolveButton({
  collection,
  recordId,
  label,
}: {
  collection: CollectionName;
  recordId: string;
  /** The button's accessible name, e.g. "Resolve conflict: Shopping". */
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  return (
    <>
      <button ref={button} type="button" className="resolve-button" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && <ResolveDialog collection={collection} recordId={recordId} onClose={close} />}
    </>
  );
}
