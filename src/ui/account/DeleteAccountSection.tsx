import { useId, useState, type FormEvent } from 'react';
import { focusWhenShown } from '../common/focus.ts';
import { ModalDialog } from '../common/ModalDialog.tsx';
import { useNotices } from '../common/Notices.tsx';
import { FieldError } from '../common/FieldError.tsx';
import { PasswordField } from '../common/PasswordField.tsx';
import { useDevice } from '../data/OutpostProvider.tsx';
import { syncControl } from './AccountPanel.tsx';
import { useAccountFailure } from './useAccountFailure.ts';
import type { ServerAccess } from './useServerAccess.ts';

/**
 * [A6] Deleting the account: on the server, every record, its history and every session; on
 * this device, the account's database. Asked in a dialog that needs the password, so a device
 * left signed in is not enough to do it.
 */
export function DeleteAccountSection({
  access,
  username,
}: {
  access: ServerAccess;
  username: string;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Delete account</h2>
      <p>
        Deletes {username} and everything kept for it: its notes and contacts with their history, on
        the server and on this device. Your other devices are signed out. This cannot be undone.
      </p>
      <button
        type="button"
        className="danger"
        disabled={access !== 'ready'}
        onClick={() => setAsking(true)}
      >
        Delete account…
      </button>
      {access === 'offline' && <p className="hint">Needs a connection.</p>}
      {asking && <DeleteAccountDialog username={username} onClose={() => setAsking(false)} />}
    </section>
  );
}

function DeleteAccountDialog({ username, onClose }: { username: string; onClose: () => void }) {
  const id = useId();
  const device = useDevice();
  const notices = useNotices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const failure = useAccountFailure();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    setBusy(true);
    setError(null);
    try {
      await device.deleteAccount(password);
      // This screen's account part is gone: focus goes to the header's "Sign in to sync".
      focusWhenShown(syncControl);
      notices.show({
        tone: 'info',
        message: `Account ${username} deleted, with its notes and contacts, here and on the server.`,
      });
    } catch (caught) {
      setBusy(false);
      setError((await failure(caught)).message);
    }
  }

  return (
    <ModalDialog labelledBy={`${id}-heading`} className="delete-account-dialog" onClose={onClose}>
      <h2 id={`${id}-heading`}>Delete {username} for good?</h2>
      <p>Every note and contact of this account is deleted, everywhere.</p>
      <form className="account-form" onSubmit={(event) => void submit(event)}>
        <PasswordField
          id={`${id}-password`}
          label="Your password"
          name="password"
          purpose="current"
          autoFocus
          errorId={error ? `${id}-error` : undefined}
        />
        <FieldError id={`${id}-error`} message={error} />
        <div className="dialog-choices">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Deleting…' : 'Delete account'}
          </button>
          <button type="button" disabled={busy} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
