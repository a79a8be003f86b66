import { useId } from 'react';
import { linkProps } from '../app/router.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useConflictedKeys } from '../conflicts/ConflictMarker.tsx';
import { SyncDetails } from './SyncDetails.tsx';
import { counted } from '../common/counted.ts';

/**
 * What the header's sync control opens: the whole status, "Sync now", the way to open
 * conflicts, every change still waiting (with its technical detail) and signing out. A bottom
 * sheet on a phone, a dialog on a wide screen; Escape or a tap outside closes it.
 */
export function SyncSheet({
  sentence,
  problem,
  username,
  online,
  syncNow,
  onSignOut,
  onClose,
}: {
  sentence: string;
  problem: string | undefined;
  username: string;
  online: boolean;
  syncNow: () => void;
  onSignOut: () => void;
  onClose: () => void;
}) {
  const headingId = useId();
  const conflicts = useConflictedKeys().size;
  const toConflicts = linkProps('/conflicts');
  return (
    <ModalDialog labelledBy={headingId} className="sheet" onClose={onClose} closeOnOutsideTap>
      <h2 id={headingId}>Sync</h2>
      <p className="sheet-status">{sentence}</p>
      {problem && <p className="hint">What went wrong: {problem}</p>}
      <p className="hint">Signed in as {username}.</p>
      <div className="sheet-actions">
        <button type="button" className="primary" onClick={syncNow} disabled={!online}>
          Sync now
        </button>
        {conflicts > 0 && (
          <a
            className="button"
            href={toConflicts.href}
            onClick={(event) => {
              toConflicts.onClick(event);
              onClose();
            }}
          >
            Decide {counted(conflicts, 'conflict')}
          </a>
        )}
        <button type="button" onClick={onSignOut}>
          Sign out {username}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <h3 className="sheet-subheading">Waiting for the server</h3>
      <SyncDetails onChanged={syncNow} />
    </ModalDialog>
  );
}
