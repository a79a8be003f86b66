import { liveQuery } from 'dexie';
import { backoffDelay } from '../api/backoff.ts';
import { SyncError } from '../api/errors.ts';
import { knownOffline } from '../api/online.ts';
import { readCursor } from '../db/pulled.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { readStatus, updateStatus } from '../db/status.ts';
import { SYNC_TAG, type SyncRegistration } from './backgroundSync.ts';
import { runSync } from './runSync.ts';
import type { SyncTransport } from './transport.ts';
import { checkSync } from './checkSync.ts';

/**
 * How long writes must pause before they ask for a sync again: typing writes on every
 * keystroke, and a sync in the middle of a sentence seals the record's pending mutation (M3)
 * and starts a new one for the next keystroke. A burst of typing goes out as at most two
 * changes: what the first keystroke asked for, and the rest once the typing pauses.
 */
export const SYNC_AFTER_QUIET_MS = 1_000;

/**
 * The events an open app tells the driver about. The page passes its window's and document's
 * (src/ui/sync/pageSignals.ts); each subscription returns the function that ends it.
 */
export interface SyncSignals {
  /** The device is online again: the retry for everything that waited. */
  onOnline(listener: () => void): () => void;
  /** The app became visible (true) or hidden (false: a phone may end it unseen). */
  onVisibility(listener: (visible: boolean) => void): () => void;
  /** The app is going away (pagehide). */
  onLeave(listener: () => void): () => void;
}

export interface SyncDriverOptions {
  db: OutpostDatabase;
  transport: SyncTransport;
  /** The service worker registration, when there is one: Background Sync hands work to it. */
  registration: () => Promise<SyncRegistration | undefined>;
  now?: () => number;
  /** Whether `db` is still the database in use on this device (see syncOnce). */
  isCurrent?: () => Promise<boolean>;
}

/**
 * When an open app syncs: every trigger in one place. The engine it runs (runSync) is the same
 * code the worker runs for its own triggers (worker.ts). After an edit the driver asks the
 * browser for a Background Sync, so the worker flushes even if the tab closes; where
 * SyncManager is missing, or a sync failed, the app itself syncs on start, on `online`, when
 * it becomes visible, on "Sync now", on a poke from the server, and on a backoff timer after a
 * transient failure. While the device is known to be offline nothing is attempted and no timer
 * runs: the `online` event is the retry. Requests made while a sync runs share one more sync
 * after it; the Web Lock in syncOnce keeps runs of other tabs and the worker from sending
 * anything twice.
 */
export function createSyncDriver({
  db,
  transport,
  registration,
  now = Date.now,
  isCurrent,
}: SyncDriverOptions) {
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes since the last request: whether the end of a burst must ask again. */
  let unasked = 0;
  /** The sync running now, and the one asked for meanwhile (at most one waits). */
  let running: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;
  /** The registration, once looked up: the page going away must use it without an await. */
  let known: SyncRegistration | undefined;

  async function scheduleRetry(retryAfterMs?: number): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (knownOffline()) return void (await updateStatus(db, { nextRetryAt: null }));
    attempt += 1;
    const delay = backoffDelay(attempt, retryAfterMs);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void syncNow();
    }, delay);
    await updateStatus(db, { nextRetryAt: now() + delay });
  }

  async function runOnce(): Promise<void> {
    try {
      await runSync(db, transport, { now, isCurrent });
      attempt = 0;
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'transient')
        await scheduleRetry(error.retryAfterMs);
    }
  }

  /**
   * Syncs now. Asked while a sync runs (start, sign-in and the event stream opening all ask
   * at once), it runs once more after it, for all of them: what changed meanwhile goes out,
   * and three requests cost two syncs, not three.
   */
  function syncNow(): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (knownOffline()) return Promise.resolve();
    if (running) {
      waiting ??= running.then(() => {
        waiting = undefined;
        return syncNow();
      });
      return waiting;
    }
    running = runOnce().finally(() => (running = undefined));
    return running;
  }

  /**
   * Asks for a sync now. Offline too: a registered Background Sync waits for the network and
   * runs in the worker even if every tab has closed by then.
   *
   * When the tag is still registered from before, the browser is already running that sync or
   * holding it in its retry backoff after a failure (Chromium waits minutes), and registering
   * again fires nothing sooner; an online app then syncs itself too. The Web Lock keeps the
   * two runs from sending anything twice.
   */
  async function request(): Promise<void> {
    known = await registration().catch(() => undefined);
    const sync = known?.sync;
    if (sync) {
      try {
        const tags = await sync.getTags?.().catch((): string[] => []);
        const registered = tags?.includes(SYNC_TAG) ?? false;
        await sync.register(SYNC_TAG);
        if (!registered) return;
      } catch {
        // Not allowed here (permissions, private mode): fall through to syncing in the app.
      }
    }
    await syncNow();
  }

  /**
   * [flow 1] Called after every local write. The first write of a burst asks at once, so the
   * browser holds a Background Sync even if the app goes away a moment later (offline, it
   * waits for the network); later writes ask again once writes have paused for
   * SYNC_AFTER_QUIET_MS, or as soon as the app is hidden or goes away.
   */
  function edited(): void {
    if (quietTimer === undefined) void request();
    else unasked++;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(requestWaiting, SYNC_AFTER_QUIET_MS);
  }

  /**
   * [E1] News from the server (a poke, the event stream opening). In the middle of a burst of
   * typing it waits for the burst's end, which asks for a sync anyway: our own push pokes this
   * device too, and syncing on that poke would push, and seal, the paragraph mid-sentence. A
   * poke whose change counter this device has pulled already (the echo of its own push) is no
   * news at all.
   */
  async function poked(cursor?: number): Promise<void> {
    if (cursor !== undefined && cursor <= (await readCursor(db))) return;
    if (quietTimer === undefined) void syncNow();
    else unasked++;
  }

  function requestWaiting(): void {
    if (takeUnasked()) void request();
  }

  /**
   * The app is going away (or hidden, where a phone may kill it unseen): what waits for the end
   * of its burst is handed to the worker now. Synchronously: the page may not live to see an
   * await finish, and a Background Sync registered in time runs even after it is gone.
   */
  function handOver(): void {
    if (!takeUnasked()) return;
    if (known?.sync) void known.sync.register(SYNC_TAG).catch(() => undefined);
    else void request();
  }

  /** Ends the burst being waited for; whether writes in it have not asked for a sync yet. */
  function takeUnasked(): boolean {
    clearTimeout(quietTimer);
    quietTimer = undefined;
    const burst = unasked > 0;
    unasked = 0;
    return burst;
  }

  /** Starts following the app's events, and syncs once. Returns the function that stops it. */
  function start(signals: SyncSignals): () => void {
    const stops = [
      signals.onOnline(() => void syncNow()),
      signals.onVisibility((visible) => (visible ? void syncNow() : handOver())),
      signals.onLeave(handOver),
    ];
    // A Background Sync that failed in the worker is retried by the browser only much later:
    // when the status row says a sync failed for a passing reason and this app has no retry
    // planned, plan one. A permanent failure waits for the next edit, "Sync now" or `online`.
    const watch = liveQuery(() => readStatus(db)).subscribe((status) => {
      const retryable = status.phase === 'error' && status.lastError?.transient === true;
      const idle = running === undefined && retryTimer === undefined;
      if (retryable && idle && !knownOffline()) void scheduleRetry();
    });
    void registration()
      .then((found) => (known = found))
      .catch(() => undefined);
    void syncNow();
    return () => {
      watch.unsubscribe();
      clearTimeout(retryTimer);
      clearTimeout(quietTimer);
      for (const stop of stops) stop();
    };
  }

  /** [V3] Settings → Check sync: a sync, then this device checked against the server. */
  function checkNow(): ReturnType<typeof checkSync> {
    return checkSync(db, transport, { now, isCurrent });
  }

  return { edited, request, poked, syncNow, start, checkNow };
}

export type SyncDriver = ReturnType<typeof createSyncDriver>;
