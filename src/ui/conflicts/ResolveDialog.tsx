import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo } from 'react';
import type { ConflictDecision } from '../../conflicts/plan.ts';
import { outpostConflicts } from '../../conflicts/resolve.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useNotices } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { DeleteChoices } from './DeleteChoices.tsx';
import { EditChoices } from './EditChoices.tsx';
import { recordLabel, recordNoun } from '../common/fieldText.ts';
import { describeKind } from './labels.ts';
import './conflicts.css';

/**
 * The resolution dialog: a modal dialog (ModalDialog), so focus stays inside, Escape closes it
 * ("decide later") and screen readers announce it by its heading. It reads the conflict live: a sync
 * that brings a newer server version updates "theirs" while it is open, and when another tab
 * resolves the conflict the dialog closes itself.
 */
export function ResolveDialog({
  collection,
  recordId,
  onClose,
}: {
  collection: string;
  recordId: string;
  /** `decided`: the conflict is settled (here or in another tab), so the opener is gone. */
  onClose: (decided: boolean) => void;
}) {
  const outpost = useOutpost();
  const conflicts = useMemo(() => outpostConflicts(outpost), [outpost]);
  const notices = useNotices();
  const headingId = useId();
  // Wrapped, so "still loading" (undefined) differs from "nothing to resolve" ({ view: undefined }).
  const loaded = useLiveQuery(
    async () => ({ view: await conflicts.read(collection, recordId) }),
    [conflicts, collection, recordId],
  );

  useEffect(() => {
    if (loaded && !loaded.view) onClose(true);
  }, [loaded, onClose]);

  async function decide(decision: ConflictDecision, done: string) {
    try {
      await conflicts.resolve(collection, recordId, decision);
      notices.show({ tone: 'info', message: done });
      onClose(true);
    } catch (caught) {
      notices.showError('Could not resolve the conflict', caught);
    }
  }

  const view = loaded?.view;
  const label = view ? recordLabel(collection, view.mine, view.theirs) : '';
  return (
    <ModalDialog labelledBy={headingId} className="resolve-dialog" onClose={() => onClose(false)}>
      {view ? (
        <>
          <h2 id={headingId}>Resolve “{label}”</h2>
          <p>
            {describeKind(view.kind, collection)} Until you decide, this device keeps your version
            and the server keeps the other one.
          </p>
          {view.kind === 'edit' ? (
            <EditChoices view={view} onDecide={(decision, done) => void decide(decision, done)} />
          ) : (
            <DeleteChoices
              view={view}
              noun={recordNoun(collection)}
              onDecide={(decision, done) => void decide(decision, done)}
            />
          )}
          <p className="resolve-later">
            <button type="button" onClick={() => onClose(false)}>
              Decide later
            </button>
          </p>
        </>
      ) : (
        <h2 id={headingId}>Loading the conflict…</h2>
      )}
    </ModalDialog>
  );
}
