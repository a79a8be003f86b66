import { useId, useRef, useState } from 'react';
import { focusWhenShown } from '../common/focus.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useNotices } from '../common/Notices.tsx';
import { useDevice } from '../data/OutpostProvider.tsx';
import { forgetLocalPreferences } from './localPreferences.ts';

/**
 * Clear this device: for a phone or a computer that changes hands. Asks first, saying what has
 * not reached the server; then every account's data, the signed-out data and this browser's
 * Outpost settings leave the device, and the app starts again as on a new one.
 */
export function ClearDeviceSection() {
  const device = useDevice();
  const notices = useNotices();
  const headingId = useId();
  const dialogHeadingId = useId();
  const opener = useRef<HTMLButtonElement>(null);
  // Counted when the dialog opens: undefined while counting, null if it could not be counted.
  const [asking, setAsking] = useState<{ unsent: number | null | undefined } | undefined>();
  const [busy, setBusy] = useState(false);

  async function ask() {
    setAsking({ unsent: undefined });
    const unsent = await device.unsentOnDevice().catch(() => null);
    setAsking((now) => (now ? { unsent } : now));
  }

  async function clear() {
    setBusy(true);
    try {
      await device.clear();
      forgetLocalPreferences();
      // A fresh start: every screen, query and worker connection of the old data goes with it.
      location.assign('/notes');
    } catch (caught) {
      setBusy(false);
      notices.showError('Could not clear this device', caught);
    }
  }

  function close() {
    setAsking(undefined);
    focusWhenShown(() => opener.current);
  }

  const unsent = asking?.unsent;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Clear this device</h2>
      <p className="hint">
        Removes every note and contact of every account from this device, signs out, and forgets
        this browser’s Outpost settings. What has reached the server stays there.
      </p>
      <button ref={opener} type="button" className="danger" onClick={() => void ask()}>
        Clear this device…
      </button>
      {asking && (
        <ModalDialog labelledBy={dialogHeadingId} onClose={close}>
          <h2 id={dialogHeadingId}>Clear this device?</h2>
          <p>Every note and contact of every account leaves this device, and you are signed out.</p>
          <p role="status">
            {unsent === undefined
              ? 'Checking what has not reached the server…'
              : unsent === null
                ? 'Outpost could not check what has not reached the server: anything unsent will be lost.'
                : unsent > 0
                  ? `${unsent} ${unsent === 1 ? 'note or contact has changes' : 'notes or contacts have changes'} that have not reached the server. They will be lost.`
                  : 'Nothing on this device is waiting for the server.'}
          </p>
          <div className="dialog-choices">
            <button
              type="button"
              className="danger"
              disabled={busy || unsent === undefined}
              onClick={() => void clear()}
            >
              {unsent === null
                ? 'Clear anyway'
                : unsent
                  ? `Clear, and lose ${unsent} unsent`
                  : 'Clear this device'}
            </button>
            <button type="button" onClick={close} disabled={busy}>
              Cancel
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}
