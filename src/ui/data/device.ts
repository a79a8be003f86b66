import { liveQuery } from 'dexie';
import { deleteAccountOnServer } from '../../api/account.ts';
import { moveSignedOutData, signedOutData, type SignedOutData } from '../../accounts/move.ts';
import {
  currentDatabase,
  clearMoveOffer,
  isCurrentDatabase,
  pendingMoveOffer,
  prepareDevice,
  type CurrentDatabase,
  type DeviceRegistry,
  type KnownAccount,
} from '../../accounts/registry.ts';
import { removeAccountData, signInOnDevice, signOutOnDevice } from '../../accounts/switching.ts';
import { clearDevice, unsentOnDevice } from '../../accounts/clearing.ts';
import { openOutpost, type Outpost } from '../../db/outpost.ts';
import { OutpostDatabase } from '../../db/schema.ts';
import type { SyncRegistration } from '../../sync/backgroundSync.ts';
import { createSyncDriver, type SyncDriver } from '../../sync/driver.ts';
import type { SyncTransport } from '../../sync/transport.ts';
import { pageSignals } from '../sync/pageSignals.ts';
import { settleTypedDeviceName } from '../settings/typedDeviceName.ts';
import { nextTask } from '../common/nextTask.ts';
import { replayLeftBehindTyping } from './replayTyping.ts';

/** What the page shows and syncs now: one account's database (or the signed-out one). */
export interface DeviceView {
  database: string;
  account: KnownAccount | undefined;
  outpost: Outpost;
  sync: SyncDriver;
  /** Signed in with records made signed out still on the device: offer to move them. */
  moveOffer: SignedOutData | undefined;
}

export interface DeviceSessionOptions {
  registry: DeviceRegistry;
  transport: SyncTransport;
  registration: () => Promise<SyncRegistration | undefined>;
}

/**
 * The page's hold on this device's data: it opens the database the registry names, with its
 * repositories and sync driver, and opens another when someone signs in or out (in this tab
 * or another: the registry is watched live). Everything the page shows comes from `view()`;
 * React re-keys the app by database name, so nothing of one account stays on screen for the
 * next.
 */
export function createDeviceSession({ registry, transport, registration }: DeviceSessionOptions) {
  let view: DeviceView | undefined;
  let stopSync = () => {};
  const listeners = new Set<() => void>();
  // Opening one database after another, never two at once, whatever order events come in.
  let opening = Promise.resolve();
  let shown = () => {};
  const firstView = new Promise<void>((resolve) => (shown = resolve));

  function publish(next: DeviceView | undefined) {
    view = next;
    if (next) shown();
    for (const listener of listeners) listener();
  }

  function switchTo(target: CurrentDatabase): Promise<void> {
    opening = opening.then(() => open(target)).catch(() => undefined);
    return opening;
  }

  async function open(target: CurrentDatabase): Promise<void> {
    if (view?.database === target.name) {
      const moveOffer = await offerFor(registry, target);
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (!same(view.account, target.account) || !same(view.moveOffer, moveOffer))
        publish({ ...view, account: target.account, moveOffer });
      return;
    }
    stopSync();
    const previous = view?.outpost;
    const db = new OutpostDatabase(target.name);
    const sync = createSyncDriver({
      db,
      transport,
      registration,
      isCurrent: () => isCurrentDatabase(registry, target.name),
    });
    // [flow 1] every committed write asks for a sync (see the driver's `edited`).
    const outpost = openOutpost({ db, afterWrite: () => sync.edited() });
    // Declaring the schema is work enough for one task on a phone; sync starts in the next.
    await nextTask();
    stopSync = sync.start(pageSignals());
    const moveOffer = await offerFor(registry, target);
    publish({ database: target.name, account: target.account, outpost, sync, moveOffer });
    // What a reload, a closed tab or a crash cut off mid-write (see db/typingJournal.ts).
    void replayLeftBehindTyping(outpost);
    void settleTypedDeviceName(db);
    if (previous) await retire(previous);
  }

  async function signOut(choice: 'keep' | 'remove'): Promise<void> {
    const removing = await signOutOnDevice(registry, choice);
    await switchTo(await currentDatabase(registry));
    if (removing) await removeAccountData(removing);
  }

  return {
    view: () => view,
    /** Resolves once there is a database to show (start() has opened it). */
    firstView: () => firstView,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Opens the current database and follows the registry from then on. */
    async start(): Promise<void> {
      await prepareDevice(registry);
      liveQuery(() => currentDatabase(registry)).subscribe({
        next: (target) => void switchTo(target),
        error: (error: unknown) => console.error('Outpost cannot read the device registry', error),
      });
    },

    async signIn(mode: 'signup' | 'login', username: string, password: string): Promise<void> {
      await signInOnDevice(registry, mode, username, password);
      await switchTo(await currentDatabase(registry));
      void view?.sync.syncNow();
    },

    signOut,

    /**
     * [A6] Deletes the account on the server (the password confirms it), then everything this
     * device kept of it. Nothing changes here if the server refuses.
     */
    async deleteAccount(password: string): Promise<void> {
      await deleteAccountOnServer(password);
      await signOut('remove');
    },

    /** Records, in every database on this device, with changes only it has: what clearing loses. */
    unsentOnDevice: () => unsentOnDevice(registry),

    /** Removes every account's data from this device (accounts/clearing.ts); then reload. */
    clear: () => clearDevice(registry),

    /** The person's answer to the move offer: take what was made signed out along, or not. */
    async answerMoveOffer(move: boolean): Promise<number> {
      const current = view;
      if (!current?.moveOffer) return 0;
      const moved = move ? await moveSignedOutData(registry, current.outpost) : 0;
      await clearMoveOffer(registry);
      if (view === current) publish({ ...current, moveOffer: undefined });
      return moved;
    },
  };
}

export type DeviceSession = ReturnType<typeof createDeviceSession>;

/**
 * Closes a database the page no longer shows, once the screens of it are gone: as they unmount,
 * editors write what waits and drop a blank record (useOnLeave), and the database waits for
 * that work (lastWrites). React renders the new view in a microtask after `publish`, and the
 * old screens hand their work over as they unmount, so a task later all of it is tracked.
 * Closed for good: a late query must fail rather than open it again (it may be about to be
 * deleted).
 */
async function retire(outpost: Outpost): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await outpost.lastWrites.settled();
  outpost.db.close({ disableAutoOpen: true });
}

/**
 * The offer to move what was made signed out, while the signed-in account has it pending (set
 * at sign-in, asked again after a reload until answered) and there is still something to move.
 */
async function offerFor(
  registry: DeviceRegistry,
  target: CurrentDatabase,
): Promise<SignedOutData | undefined> {
  if (!target.account || (await pendingMoveOffer(registry)) !== target.account.userId) return;
  const data = await signedOutData(registry);
  return data.notes + data.contacts > 0 ? data : undefined;
}
