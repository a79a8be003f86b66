import { useId, useState } from 'react';
import type { SignedOutData } from '../../accounts/move.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useNotices } from '../common/Notices.tsx';
import { useDevice } from '../data/OutpostProvider.tsx';

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What the device made signed out: "3 notes and 1 contact". */
export function describeData({ notes, contacts }: SignedOutData): string {
  const parts = [
    notes > 0 ? counted(notes, 'note', 'notes') : '',
    contacts > 0 ? counted(contacts, 'contact', 'contacts') : '',
  ];
  return parts.filter(Boolean).join(' and ');
}

/**
 * Asked after signing in, while the device holds records made signed out: move them into the
 * account (they sync like anything typed), or keep them apart, for the device signed out.
 * Nothing moves unless the person says so.
 */
export function MoveOfferDialog({
  username,
  offer,
  onClose,
}: {
  username: string;
  offer: SignedOutData;
  onClose: () => void;
}) {
  const device = useDevice();
  const notices = useNotices();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const what = describeData(offer);

  async function answer(move: boolean) {
    setBusy(true);
    try {
      await device.answerMoveOffer(move);
      if (move) notices.show({ tone: 'info', message: `Moved ${what} into ${username}.` });
      onClose();
    } catch (caught) {
      setBusy(false);
      notices.showError('Could not move them', caught);
    }
  }

  return (
    <ModalDialog
      labelledBy={headingId}
      className="move-offer-dialog"
      onClose={() => void answer(false)}
    >
      <h2 id={headingId}>Move what you made on this device into {username}?</h2>
      <p>
        While signed out, this device kept {what}. Moved, they become {username}’s and sync to every
        device you sign in on. Kept apart, they stay on this device for when nobody is signed in.
      </p>
      <div className="dialog-choices">
        <button type="button" className="primary" disabled={busy} onClick={() => void answer(true)}>
          Move them into {username}
        </button>
        <button type="button" disabled={busy} onClick={() => void answer(false)}>
          Keep them apart
        </button>
      </div>
    </ModalDialog>
  );
}
