import { useId, useState } from 'react';
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
export function RecordHistory({ collection, id }: { collection: CollectionName; id: string }) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="record-history">
      <button
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
