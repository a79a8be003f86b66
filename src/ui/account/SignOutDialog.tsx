import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useNotices } from '../common/Notices.tsx';
import { useDevice, useOutpost } from '../data/OutpostProvider.tsx';
import { recordsWithUnsentChanges } from '../../db/unsent.ts';

/**
 * Signing out asks what becomes of this account's data on the device: kept here for the
 * account (hidden from anyone else until it signs in again), or removed. Removing says first
 * what has not reached the server and would be lost with it.
 */
export function SignOutDialog({ username, onClose }: { username: string; onClose: () => void }) {
  const device = useDevice();
  const { db } = useOutpost();
  const notices = useNotices();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const unsent = useLiveQuery(() => recordsWithUnsentChanges(db), [db]);

  async function signOut(choice: 'keep' | 'remove') {
    setBusy(true);
    try {
      await device.signOut(choice);
      notices.show({
        tone: 'info',
        message:
          choice === 'keep'
            ? `Signed out. ${username}’s notes and contacts stay on this device for ${username}.`
            : `Signed out. ${username}’s notes and contacts were removed from this device.`,
      });
    } catch (caught) {
      setBusy(false);
      notices.showError('Could not sign out', caught);
    }
  }

  const losing = unsent ?? 0;
  return (
    <ModalDialog labelledBy={headingId} className="sign-out-dialog" onClose={onClose}>
      <h2 id={headingId}>Sign out of {username}?</h2>
      <p>
        {losing > 0
          ? `${losing} ${losing === 1 ? 'note or contact has changes' : 'notes or contacts have changes'} that have not reached the server yet.`
          : 'Everything on this device has reached the server.'}
      </p>
      <div className="dialog-choices">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void signOut('keep')}
        >
          Keep my data on this device
        </button>
        <p className="hint">
          Hidden from anyone else who uses this device; here again when you sign in.
          {losing > 0 && ' Unsent changes are sent then.'}
        </p>
        <button
          type="button"
          className="danger"
          disabled={busy || unsent === undefined}
          onClick={() => void signOut('remove')}
        >
          {losing > 0
            ? `Remove it from this device, losing ${losing} unsent ${losing === 1 ? 'change' : 'changes'}`
            : 'Remove my data from this device'}
        </button>
        <button type="button" disabled={busy} onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
