import type { OutpostDatabase } from '../db/schema.ts';
import { deviceClientId } from '../db/device.ts';
import { clearSettledMarkers } from './markers.ts';
import { pullChanges } from './pullChanges.ts';
import { pushOutbox } from './pushOutbox.ts';
import type { SyncTransport } from './transport.ts';

export const SYNC_LOCK = 'outpost-sync';
/** The Background Sync tag the page registers and the worker's `sync` event handles. */
export const SYNC_TAG = 'outpost-sync';
/** The Periodic Background Sync tag: a pull now and then, with no tab open. */
export const PERIODIC_SYNC_TAG = 'outpost-refresh';

/**
 * One sync: push the outbox, then pull until up to date (which brings the pushed records back
 * at their new versions), then clear the markers of records with nothing left waiting. All tabs and the service worker
 * run it under one Web Lock, so the `online` fallback and a Background Sync event firing
 * together do not send the same mutations twice. Where Web Locks are missing (tests in Node),
 * it runs directly.
 */
export async function syncOnce(
  db: OutpostDatabase,
  transport: SyncTransport,
  now: () => number = Date.now,
): Promise<{ pushed: number; pulled: number }> {
  const run = async () => {
    const clientId = await deviceClientId(db);
    const { pushed } = await pushOutbox(db, transport, clientId, now);
    const { pulled } = await pullChanges(db, transport);
    await clearSettledMarkers(db);
    return { pushed, pulled };
  };
  // `navigator` is the page's Navigator or the worker's WorkerNavigator; both have `locks`.
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? locks.request(SYNC_LOCK, run) : run();
}
