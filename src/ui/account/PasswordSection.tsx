import { useId, useState, type FormEvent } from 'react';
import { changePassword } from '../../api/account.ts';
import { FieldError } from '../common/FieldError.tsx';
import { PasswordField } from '../common/PasswordField.tsx';
import { useAccountFailure } from './useAccountFailure.ts';
import type { ServerAccess } from './useServerAccess.ts';

/**
 * [A6] A new password, given the current one. Every other session ends with the change:
 * whoever held one may have known the old password. This device stays signed in.
 */
export function PasswordSection({ access }: { access: ServerAccess }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const failure = useAccountFailure();
  const errorId = `${id}-error`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSaid('');
    // Typed twice: a slip here would sign every other device out with a password nobody knows.
    if (data.get('next') !== data.get('repeat')) {
      setError('The two new passwords differ: type the same one in both.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ended = await changePassword(String(data.get('current')), String(data.get('next')));
      form.reset();
      setSaid(
        ended === 0
          ? 'Password changed.'
          : `Password changed. ${ended} other ${ended === 1 ? 'session was' : 'sessions were'} signed out.`,
      );
    } catch (caught) {
      setError(await failure(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Password</h2>
      <form className="account-form" onSubmit={(event) => void submit(event)}>
        <PasswordField
          id={`${id}-current`}
          label="Current password"
          name="current"
          purpose="current"
          errorId={error ? errorId : undefined}
        />
        <PasswordField
          id={`${id}-next`}
          label="New password"
          name="next"
          purpose="new"
          describedBy={`${id}-hint`}
          errorId={error ? errorId : undefined}
        />
        <PasswordField
          id={`${id}-repeat`}
          label="New password again"
          name="repeat"
          purpose="new"
          errorId={error ? errorId : undefined}
        />
        <p id={`${id}-hint`} className="hint">
          At least 8 characters. Your other devices will need to sign in again.
        </p>
        <button type="submit" disabled={busy || access !== 'ready'}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
        {access === 'offline' && <p className="hint">Needs a connection.</p>}
      </form>
      <p role="status" className="hint">
        {said}
      </p>
      <FieldError id={errorId} message={error} />
    </section>
  );
}
