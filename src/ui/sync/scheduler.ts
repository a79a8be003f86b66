import type { OutpostDatabase } from '../../db/schema.ts';
import { backoffDelay } from '../../api/backoff.ts';
import { SyncError } from '../../api/errors.ts';
import { knownOffline } from '../../api/online.ts';
import { readCursor } from '../../db/pulled.ts';
import { runSync } from '../../sync/runSync.ts';
import { liveQuery } from 'dexie';
import { readStatus, updateStatus } from '../../db/status.ts';
import { SYNC_TAG } from '../../sync/syncOnce.ts';
import type { SyncTransport } from '../../sync/transport.ts';

/** A service worker registration as far as Background Sync goes (TypeScript's DOM library lacks it). */
export interface SyncRegistration {
  sync?: { register(tag: string): Promise<void>; getTags?(): Promise<string[]> };
}

/**
 * How long writes must pause before they ask for a sync again: typing writes on every
 * keystroke, and a sync in the middle of a sentence seals the record's pending mutation (M3)
 * and starts a new one for the next keystroke. A burst of typing goes out as at most two
 * changes: what the first keystroke asked for, and the rest once the typing pauses.
 */
export const SYNC_AFTER_QUIET_MS = 1_000;

export interface SchedulerOptions {
  db: OutpostDatabase;
  transport: SyncTransport;
  /** The service worker registration, when there is one. */
  registration: () => Promise<SyncRegistration | undefined>;
  now?: () => number;
  /** Whether `db` is still the database in use on this device (see syncOnce). */
  isCurrent?: () => Promise<boolean>;
}

/**
 * When the page syncs (page only: it listens to window and document events; the engine it
 * runs, src/sync, is the same code the worker runs). After an edit it asks the browser for a Background Sync (the worker
 * flushes even if the tab closes); where SyncManager is missing, or a sync failed, the page
 * itself syncs on start, on `online`, when it becomes visible, on "Sync now", and on a backoff
 * timer after a transient failure. The Web Lock in syncOnce keeps concurrent runs from
 * sending anything twice. While the device is known to be offline nothing is attempted and no
 * timer runs: the `online` event is the retry.
 */
export function createSyncScheduler({
  db,
  transport,
  registration,
  now = Date.now,
  isCurrent,
}: SchedulerOptions) {
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes since the last request: whether the end of a burst must ask again. */
  let unasked = 0;
  // A count, not a flag: start and an `online` event can overlap (the Web Lock queues them).
  let running = 0;
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

  async function syncNow(): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (knownOffline()) return;
    running++;
    try {
      await runSync(db, transport, { now, isCurrent });
      attempt = 0;
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'transient')
        await scheduleRetry(error.retryAfterMs);
    } finally {
      running--;
    }
  }

  /**
   * Asks for a sync now. Offline too: a registered Background Sync waits for the network and
   * runs in the worker even if every tab has closed by then.
   *
   * When the tag is still registered from before, the browser is already running that sync or
   * holding it in its retry backoff after a failure (Chromium waits minutes), and registering
   * again fires nothing sooner; an online page then syncs itself too. The Web Lock keeps the
   * two runs from sending anything twice.
   */
  async function request(): Promise<void> {
    known = await registration().catch(() => undefined);
    const sync = known?.sync;
    if (sync) {
      try {
        const tags = await sync.getTags?.().catch((): string[] => []);
        const waiting = tags?.includes(SYNC_TAG) ?? false;
        await sync.register(SYNC_TAG);
        if (!waiting) return;
      } catch {
        // Not allowed here (permissions, private mode): fall through to syncing in the page.
      }
    }
    await syncNow();
  }

  /**
   * Called after every local write. The first write of a burst asks at once, so the browser
   * holds a Background Sync even if the page goes away a moment later (offline, it waits for
   * the network); later writes ask again once writes have paused for SYNC_AFTER_QUIET_MS, or
   * as soon as the page is hidden or goes away.
   */
  function requestSoon(): void {
    if (quietTimer === undefined) void request();
    else unasked++;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(requestWaiting, SYNC_AFTER_QUIET_MS);
  }

  /**
   * A sync for news from the server (a poke, the event stream reconnecting). In the middle of a
   * burst of typing it waits for the burst's end, which asks for one anyway: our own push pokes
   * this device too, and syncing on that poke would push, and seal, the paragraph mid-sentence.
   * A poke whose change counter this device has pulled already (the echo of its own push) is
   * no news at all.
   */
  async function syncSoon(cursor?: number): Promise<void> {
    if (cursor !== undefined && cursor <= (await readCursor(db))) return;
    if (quietTimer === undefined) void syncNow();
    else unasked++;
  }

  function requestWaiting(): void {
    if (takeUnasked()) void request();
  }

  /**
   * The page is going away (or hidden, where a phone may kill it unseen): what waits for the
   * end of its burst is handed to the worker now. Synchronously: the page may not live to see
   * an await finish, and a Background Sync registered in time runs even after it is gone.
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
    const waiting = unasked > 0;
    unasked = 0;
    return waiting;
  }

  function start(): () => void {
    const onOnline = () => void syncNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void syncNow();
      else handOver();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('pagehide', handOver);
    document.addEventListener('visibilitychange', onVisible);
    // A Background Sync that failed in the worker is retried by the browser only much later:
    // when the status row says a sync failed for a passing reason and this page has no retry
    // planned, plan one. A permanent failure waits for the next edit, "Sync now" or `online`.
    const watch = liveQuery(() => readStatus(db)).subscribe((status) => {
      const retryable = status.phase === 'error' && status.lastError?.transient === true;
      const idle = running === 0 && retryTimer === undefined;
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
      window.removeEventListener('online', onOnline);
      window.removeEventListener('pagehide', handOver);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  return { request, requestSoon, syncSoon, syncNow, start };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
