import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { SyncDriver } from '../../sync/driver.ts';
import { focusWhenShown } from '../common/focus.ts';
import { useNow } from '../common/useNow.ts';
import { usePopover } from '../common/usePopover.ts';
import { useDevice } from '../data/OutpostProvider.tsx';
import { useOnline } from '../pwa/useOnline.ts';
import { useRealtime } from '../sync/useRealtime.ts';
import { MoveOfferDialog } from './MoveOfferDialog.tsx';
import { SignInForm } from './SignInForm.tsx';
import { SignOutDialog } from './SignOutDialog.tsx';
import { SyncDetails } from './SyncDetails.tsx';
import { describeSync, isSignedIn, useSyncView } from './useSyncStatus.ts';

const STATUS_ID = 'sync-status';
/** The sync status line, where focus goes once signing in or out has replaced the controls. */
export const syncStatusLine = () => document.getElementById(STATUS_ID);

/**
 * Sign in to sync, or, signed in: the sync status (read out by screen readers), "Sync now",
 * "Details" and "Sign out". Everything works without an account; each account has its own
 * data on the device (see src/accounts).
 */
export function AccountPanel({ sync }: { sync: SyncDriver | undefined }) {
  const view = useSyncView();
  const online = useOnline();
  const now = useNow(10_000);
  const signedIn = view !== undefined && isSignedIn(view.account, view.status);
  const pull = useCallback(() => void sync?.syncNow(), [sync]);
  const poked = useCallback((cursor?: number) => void sync?.poked(cursor), [sync]);
  useRealtime(signedIn && online, poked);
  if (!view) return null;
  if (!signedIn || !view.account) {
    // [A3] a 401 mid-session lands here too: the outbox is untouched and is sent after sign-in.
    const expired = view.account !== undefined;
    return (
      <section className="account" aria-label="Sync">
        {expired && (
          <p className="sync-status" role="status" id={STATUS_ID} tabIndex={-1}>
            Your session ended: sign in again to sync.{' '}
            {view.pending > 0 && `${view.pending} pending, kept on this device.`}
          </p>
        )}
        <SignIn username={view.account?.username} expired={expired} />
      </section>
    );
  }
  return (
    <section className="account" aria-label="Sync">
      <p className="sync-status" role="status" id={STATUS_ID} tabIndex={-1}>
        {describeSync(view, online, now)}
      </p>
      <button type="button" onClick={pull} disabled={!online}>
        Sync now
      </button>
      <Details onChanged={pull} />
      <SignOut username={view.account.username} />
      <MoveOffer username={view.account.username} />
    </section>
  );
}

function SignIn({ username, expired }: { username: string | undefined; expired: boolean }) {
  const opener = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLFormElement>(null);
  const popover = usePopover(opener, panel);
  return (
    <>
      <button ref={opener} type="button" onClick={popover.toggle} aria-expanded={popover.open}>
        {expired ? 'Sign in again' : 'Sign in to sync'}
      </button>
      {popover.open && (
        <SignInForm
          username={username}
          panel={panel}
          // The form and its button are gone once the account's own screen is up.
          onDone={() => focusWhenShown(syncStatusLine)}
        />
      )}
    </>
  );
}

function Details({ onChanged }: { onChanged: () => void }) {
  const opener = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const popover = usePopover(opener, panel);
  return (
    <>
      <button ref={opener} type="button" aria-expanded={popover.open} onClick={popover.toggle}>
        Details
      </button>
      {popover.open && (
        <div ref={panel} className="sync-details-panel">
          <SyncDetails onChanged={onChanged} />
        </div>
      )}
    </>
  );
}

function SignOut({ username }: { username: string }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setAsking(true)}>
        Sign out {username}
      </button>
      {asking && (
        <SignOutDialog
          username={username}
          onClose={() => {
            setAsking(false);
            focusWhenShown(syncStatusLine);
          }}
        />
      )}
    </>
  );
}

function MoveOffer({ username }: { username: string }) {
  const device = useDevice();
  const offer = useDeviceView(device)?.moveOffer;
  if (!offer) return null;
  return (
    <MoveOfferDialog
      username={username}
      offer={offer}
      onClose={() => focusWhenShown(syncStatusLine)}
    />
  );
}

function useDeviceView(device: ReturnType<typeof useDevice>) {
  return useSyncExternalStore(device.subscribe, device.view);
}
