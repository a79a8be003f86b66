import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo } from 'react';
import type { ConflictDecision } from '../../conflicts/plan.ts';
import { outpostConflicts } from '../../conflicts/resolve.ts';
import { conflictedRecordKeys } from '../../db/conflicts.ts';
import { recordKey } from '../../db/types.ts';
import { navigate } from '../app/router.ts';
import { focusWhenShown } from '../common/focus.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useNotices } from '../common/Notices.tsx';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { DeleteChoices } from './DeleteChoices.tsx';
import { EditChoices } from './EditChoices.tsx';
import { recordNoun } from '../common/fieldText.ts';
import { conflictLabel, describeKind, otherDevice } from './labels.ts';
import './conflicts.css';
import { counted } from '../common/counted.ts';

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

  const topic = recordKey(collection, recordId);

  useEffect(() => {
    if (loaded && !loaded.view) onClose(true);
  }, [loaded, onClose]);
  // An Undo of this record's delete, or an earlier "resolved", no longer holds: this decides.
  useEffect(() => notices.withdraw(topic), [notices, topic]);

  async function decide(decision: ConflictDecision, done: string) {
    try {
      await conflicts.resolve(collection, recordId, decision);
      const others = (await conflictedRecordKeys(outpost.db)).filter((key) => key !== topic).length;
      notices.show({
        tone: 'info',
        topic,
        message: others === 0 ? done : `${done} ${counted(others, 'more conflict')} to decide.`,
        ...(others > 0 && { action: { label: 'Next conflict', run: showNextConflict } }),
      });
      onClose(true);
    } catch (caught) {
      notices.showError('Could not resolve the conflict', caught);
    }
  }

  const view = loaded?.view;
  const label = view ? conflictLabel(view) : '';
  return (
    <ModalDialog labelledBy={headingId} className="resolve-dialog" onClose={() => onClose(false)}>
      {view ? (
        <>
          <h2 id={headingId}>Resolve “{label}”</h2>
          <p>
            {describeKind(view.kind, collection, otherDevice(view))} Until you decide, this device
            keeps your version and the server keeps the other one.
          </p>
          {view.kind === 'edit' ? (
            // Keyed by their version: a pull that brings a newer one while the dialog is open
            // starts the choices over (a text's parts may differ), rather than apply old ones.
            <EditChoices
              key={view.theirs.version}
              view={view}
              onDecide={(decision, done) => void decide(decision, done)}
            />
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

/** The conflicts screen, with focus on the first conflict's Resolve button. */
function showNextConflict(): void {
  navigate('/conflicts');
  focusWhenShown(() => document.querySelector<HTMLElement>('.conflict-list .resolve-button'));
}
