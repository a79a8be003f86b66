import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { AccountError, signIn, signOut } from '../../sync/account.ts';
import type { SyncScheduler } from '../sync/scheduler.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { useOnline } from '../pwa/useOnline.ts';
import { useRealtime } from '../sync/useRealtime.ts';
import { SyncDetails } from './SyncDetails.tsx';
import { describeSync, isSignedIn, useSyncView } from './useSyncStatus.ts';

/**
 * Sign in to sync, or, signed in: the sync status (read out by screen readers), "Sync now"
 * and "Sign out". Everything works without an account; signing in sends what this device
 * made before.
 */
export function AccountPanel({ scheduler }: { scheduler: SyncScheduler | undefined }) {
  const view = useSyncView();
  const online = useOnline();
  const now = useNow(10_000);
  const [open, setOpen] = useState(false);
  const [details, setDetails] = useState(false);
  const signedIn = view !== undefined && isSignedIn(view.account, view.status);
  const pull = useCallback(() => void scheduler?.syncNow(), [scheduler]);
  useRealtime(signedIn && online, pull);
  if (!view) return null;

  if (!signedIn || !view.account) {
    // [A3] a 401 mid-session lands here too: the outbox is untouched and is sent after sign-in.
    const expired = view.account !== undefined;
    return (
      <section className="account" aria-label="Sync">
        {expired && (
          <p className="sync-status" role="status">
            Your session ended: sign in again to sync.{' '}
            {view.pending > 0 && `${view.pending} pending, kept on this device.`}
          </p>
        )}
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
          {expired ? 'Sign in again' : 'Sign in to sync'}
        </button>
        {open && (
          <SignInForm
            username={view.account?.username}
            onDone={() => {
              setOpen(false);
              void scheduler?.syncNow();
            }}
          />
        )}
      </section>
    );
  }
  return (
    <section className="account" aria-label="Sync">
      <p className="sync-status" role="status">
        {describeSync(view, online, now)}
      </p>
      <button type="button" onClick={() => void scheduler?.syncNow()} disabled={!online}>
        Sync now
      </button>
      <button type="button" aria-expanded={details} onClick={() => setDetails(!details)}>
        Details
      </button>
      <SignOutButton username={view.account.username} pending={view.pending} />
      {details && <SyncDetails onChanged={pull} />}
    </section>
  );
}

function SignInForm({ username, onDone }: { username?: string; onDone: () => void }) {
  const { db } = useOutpost();
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
      await signIn(db, mode, String(form.get('username')), String(form.get('password')));
      if ('storage' in navigator) void navigator.storage.persist?.();
      onDone();
    } catch (caught) {
      setError(caught instanceof AccountError ? caught.message : String(caught));
    } finally {
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
        required
        minLength={3}
        maxLength={32}
      />
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        minLength={8}
        maxLength={200}
      />
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

function SignOutButton({ username, pending }: { username: string; pending: number }) {
  const { db } = useOutpost();
  function confirmAndSignOut() {
    // Signing out keeps this device's data and outbox; say so when changes are still unsent.
    const warning =
      pending > 0
        ? `${pending} change(s) have not reached the server yet. They stay on this device and are sent when you sign in again. Sign out?`
        : 'Sign out? Your notes and contacts stay on this device.';
    if (window.confirm(warning)) void signOut(db);
  }
  return (
    <button type="button" onClick={confirmAndSignOut}>
      Sign out {username}
    </button>
  );
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
