import { useId, useState, type FormEvent } from 'react';
import { AccountError } from '../../api/session.ts';
import { PasswordField } from '../common/PasswordField.tsx';
import { useDevice } from '../data/OutpostProvider.tsx';

/**
 * Sign in or create an account. Signing in opens that account's own database on this device;
 * what was made here signed out stays where it is unless the person moves it (MoveOfferDialog).
 */
export function SignInForm({ username, onDone }: { username?: string; onDone: () => void }) {
  const device = useDevice();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const mode = submitter?.value === 'signup' ? 'signup' : 'login';
      await device.signIn(mode, String(form.get('username')), String(form.get('password')));
      if ('storage' in navigator) void navigator.storage.persist?.();
      onDone();
    } catch (caught) {
      setError(caught instanceof AccountError ? caught.message : String(caught));
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={(event) => void submit(event)} aria-label="Sign in">
      <label htmlFor={`${id}-user`}>Username</label>
      <input
        id={`${id}-user`}
        name="username"
        autoComplete="username"
        defaultValue={username}
        autoFocus
        required
        minLength={3}
        maxLength={32}
      />
      <PasswordField id={`${id}-password`} label="Password" name="password" purpose="current" />
      <button type="submit" name="mode" value="login" className="primary" disabled={busy}>
        Sign in
      </button>
      <button type="submit" name="mode" value="signup" disabled={busy}>
        Create account
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
