import { useEffect, useId, useRef, useState } from 'react';
import type { CollectionName } from '../../model/collections.ts';
import { lazyComponent } from '../common/lazyComponent.tsx';

const HistoryPanel = lazyComponent(
  () => import('./HistoryPanel.tsx').then((module) => module.HistoryPanel),
  'the history',
);

/**
 * [H1] The record's history, behind a "History" disclosure: only opening it asks the server.
 * A restore is an ordinary local edit through the repository (flow 1): it shows at once, works
 * offline once the list is loaded, and syncs like any other edit.
 */
export function RecordHistory({
  collection,
  id,
  openRequest = 0,
}: {
  collection: CollectionName;
  id: string;
  /** Raised to open the history from elsewhere (a notice's "View history"); it takes focus. */
  openRequest?: number;
}) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  // A new request opens it during render (React's way to follow a prop), then focus moves.
  const [request, setRequest] = useState(openRequest);
  if (request !== openRequest) {
    setRequest(openRequest);
    setOpen(true);
  }
  useEffect(() => {
    if (openRequest > 0) toggle.current?.focus();
  }, [openRequest]);
  return (
    <div className="record-history">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        History
      </button>
      <div id={panelId} className="history-panel" hidden={!open}>
        {open && <HistoryPanel collection={collection} id={id} />}
      </div>
    </div>
  );
}
