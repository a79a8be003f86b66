import type { OutpostDatabase } from '../../db/schema.ts';
import { backoffDelay } from '../../sync/backoff.ts';
import { SyncError } from '../../sync/errors.ts';
import { runSync } from '../../sync/runSync.ts';
import { updateStatus } from '../../sync/status.ts';
import { SYNC_TAG } from '../../sync/syncOnce.ts';
import type { SyncTransport } from '../../sync/transport.ts';

/** A service worker registration as far as Background Sync goes (TypeScript's DOM library lacks it). */
export interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

export interface SchedulerOptions {
  db: OutpostDatabase;
  transport: SyncTransport;
  /** The service worker registration, when there is one. */
  registration: () => Promise<SyncRegistration | undefined>;
  now?: () => number;
}

/**
 * When the page syncs (page only: it listens to window and document events; the engine it
 * runs, src/sync, is the same code the worker runs). After an edit it asks the browser for a Background Sync (the worker
 * flushes even if the tab closes); where SyncManager is missing, or a sync failed, the page
 * itself syncs on start, on `online`, when it becomes visible, on "Sync now", and on a backoff
 * timer after a transient failure. The Web Lock in syncOnce keeps concurrent runs from
 * sending anything twice.
 */
export function createSyncScheduler({
  db,
  transport,
  registration,
  now = Date.now,
}: SchedulerOptions) {
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function syncNow(): Promise<void> {
    clearTimeout(retryTimer);
    try {
      await runSync(db, transport, now);
      attempt = 0;
    } catch (error) {
      if (!(error instanceof SyncError) || error.kind !== 'transient') return;
      attempt += 1;
      const delay = backoffDelay(attempt, error.retryAfterMs);
      await updateStatus(db, { nextRetryAt: now() + delay });
      retryTimer = setTimeout(() => void syncNow(), delay);
    }
  }

  /** Called after every local write. */
  async function request(): Promise<void> {
    const sync = (await registration().catch(() => undefined))?.sync;
    if (sync && navigator.onLine) {
      try {
        await sync.register(SYNC_TAG);
        return;
      } catch {
        // Not allowed here (permissions, private mode): fall through to syncing in the page.
      }
    }
    if (navigator.onLine) await syncNow();
  }

  function start(): () => void {
    const onOnline = () => void syncNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void syncNow();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    void syncNow();
    return () => {
      clearTimeout(retryTimer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  return { request, syncNow, start };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
