import { useId, useState, type FormEvent } from 'react';
import { changePassword } from '../../api/account.ts';
import { FieldError } from '../common/FieldError.tsx';
import { PasswordField } from '../common/PasswordField.tsx';
import { useAccountFailure } from './useAccountFailure.ts';
import type { ServerAccess } from './useServerAccess.ts';

type PasswordInput = 'current' | 'next' | 'repeat';

/** Which field a refusal is about: a wrong current password, or a new one the rules refuse. */
const FIELD_OF_CODE: Record<string, PasswordInput | undefined> = {
  wrong_password: 'current',
  invalid_request: 'next',
};

/**
 * [A6] A new password, given the current one. Every other session ends with the change:
 * whoever held one may have known the old password. This device stays signed in.
 */
export function PasswordSection({ access }: { access: ServerAccess }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<{ message: string; field?: PasswordInput } | null>(null);
  const failure = useAccountFailure();
  const errorId = `${id}-error`;
  // The field the refusal is about is marked and points at the message.
  const problemIn = (field: PasswordInput) => (error?.field === field ? errorId : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSaid('');
    // Typed twice: a slip here would sign every other device out with a password nobody knows.
    if (data.get('next') !== data.get('repeat')) {
      setError({
        message: 'The two new passwords differ: type the same one in both.',
        field: 'repeat',
      });
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
      const { code, message } = await failure(caught);
      setError({ message, field: FIELD_OF_CODE[code] });
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
          errorId={problemIn('current')}
        />
        <PasswordField
          id={`${id}-next`}
          label="New password"
          name="next"
          purpose="new"
          describedBy={`${id}-hint`}
          errorId={problemIn('next')}
        />
        <PasswordField
          id={`${id}-repeat`}
          label="New password again"
          name="repeat"
          purpose="new"
          errorId={problemIn('repeat')}
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
      <FieldError id={errorId} message={error?.message ?? null} />
    </section>
  );
}
