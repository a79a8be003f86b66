import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { SyncDriver } from '../../sync/driver.ts';
import { focusWhenShown } from '../common/focus.ts';
import { OfflineIcon, SyncedIcon, SyncingIcon, WarningIcon } from '../common/icons.tsx';
import { lazyComponent } from '../common/lazyComponent.tsx';
import { useNow } from '../common/useNow.ts';
import { useDevice } from '../data/OutpostProvider.tsx';
import { useOnline } from '../pwa/useOnline.ts';
import { useRealtime } from '../sync/useRealtime.ts';
import { MoveOfferDialog } from './MoveOfferDialog.tsx';
import { describeSync, signedOutSentence, type SyncTone } from './syncWords.ts';
import { isSignedIn, useSyncView } from './useSyncStatus.ts';

// Opened by a tap: their code loads then (lazyComponent.tsx).
const SignInDialog = lazyComponent(
  () => import('./SignInDialog.tsx').then((module) => module.SignInDialog),
  'the sign-in form',
);
const SyncSheet = lazyComponent(
  () => import('./SyncSheet.tsx').then((module) => module.SyncSheet),
  'the sync details',
);
const SignOutDialog = lazyComponent(
  () => import('./SignOutDialog.tsx').then((module) => module.SignOutDialog),
  'signing out',
);

const CONTROL_ID = 'sync-control';
/** The header's sync control, where focus goes once signing in or out has replaced the controls. */
export const syncControl = () => document.getElementById(CONTROL_ID);

const TONE_ICONS: Record<SyncTone, () => React.JSX.Element> = {
  ok: SyncedIcon,
  busy: SyncingIcon,
  offline: OfflineIcon,
  attention: WarningIcon,
  error: WarningIcon,
};

/**
 * The header's corner for sync. Signed in: one control, an icon and a word (Synced, Offline,
 * 3 waiting, 1 conflict, Error), that opens a sheet with the whole status, Details and the
 * actions. Signed out: "Sign in to sync", which opens the sign-in dialog. Either way the whole
 * status sentence is a live region, so a screen reader hears it change. Everything works without
 * an account; each account has its own data on the device (see src/accounts).
 */
export function AccountPanel({ sync }: { sync: SyncDriver | undefined }) {
  const view = useSyncView();
  const online = useOnline();
  // Ticks each second only while a retry is counted down.
  const now = useNow(view?.status.nextRetryAt ? 1_000 : 10_000);
  const signedIn = view !== undefined && isSignedIn(view.account, view.status);
  const syncNow = useCallback(() => void sync?.syncNow(), [sync]);
  const poked = useCallback((cursor?: number) => void sync?.poked(cursor), [sync]);
  useRealtime(signedIn && online, poked);
  if (!view) return null;
  if (!signedIn || !view.account) {
    // [A3] a 401 mid-session lands here too: the outbox is untouched and is sent after sign-in.
    const expired = view.account !== undefined;
    const sentence = signedOutSentence(expired, view.pending, online);
    return (
      <section className="account" aria-label="Sync">
        <p className="visually-hidden" role="status">
          {sentence}
        </p>
        {!online && (
          <span className="status-chip" aria-hidden="true">
            <OfflineIcon /> Offline
          </span>
        )}
        <SignIn username={view.account?.username} expired={expired} />
      </section>
    );
  }
  const { word, tone, sentence } = describeSync(view, online, now);
  const { lastError } = view.status;
  // The words above are for people; the sheet adds what a developer needs to look into it.
  const problem =
    view.status.phase === 'error' && lastError
      ? `${lastError.message} (code ${lastError.code})`
      : undefined;
  return (
    <section className="account" aria-label="Sync">
      <p className="visually-hidden" role="status">
        {sentence}
      </p>
      <StatusControl
        word={word}
        tone={tone}
        sentence={sentence}
        problem={problem}
        username={view.account.username}
        online={online}
        syncNow={syncNow}
      />
      <MoveOffer username={view.account.username} />
    </section>
  );
}

function StatusControl({
  word,
  tone,
  sentence,
  problem,
  username,
  online,
  syncNow,
}: {
  word: string;
  tone: SyncTone;
  sentence: string;
  problem: string | undefined;
  username: string;
  online: boolean;
  syncNow: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const Icon = TONE_ICONS[tone];
  return (
    <>
      <button
        ref={opener}
        id={CONTROL_ID}
        type="button"
        className={`status-control tone-${tone}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`Sync: ${word}`}
        onClick={() => setOpen(true)}
      >
        <Icon />
        <span>{word}</span>
      </button>
      {open && (
        <SyncSheet
          sentence={sentence}
          problem={problem}
          username={username}
          online={online}
          syncNow={syncNow}
          onSignOut={() => {
            setOpen(false);
            setSigningOut(true);
          }}
          onClose={() => {
            setOpen(false);
            focusWhenShown(() => opener.current);
          }}
        />
      )}
      {signingOut && (
        <SignOutDialog
          username={username}
          onClose={() => {
            setSigningOut(false);
            focusWhenShown(syncControl);
          }}
        />
      )}
    </>
  );
}

function SignIn({ username, expired }: { username: string | undefined; expired: boolean }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="sign-in-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        {expired ? 'Sign in again' : 'Sign in to sync'}
      </button>
      {open && (
        <SignInDialog
          username={username}
          onClose={(signedIn) => {
            setOpen(false);
            // Signed in, the button is gone: the account's sync control takes its place.
            focusWhenShown(signedIn ? syncControl : () => opener.current);
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
      onClose={() => focusWhenShown(syncControl)}
    />
  );
}

function useDeviceView(device: ReturnType<typeof useDevice>) {
  return useSyncExternalStore(device.subscribe, device.view);
}
