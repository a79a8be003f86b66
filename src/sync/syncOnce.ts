import type { OutpostDatabase } from '../db/schema.ts';
import { pushingDevice } from '../db/device.ts';
import { clearSettledMarkers } from '../db/markers.ts';
import { pullChanges } from './pullChanges.ts';
import { untilOnline } from '../api/online.ts';
import { pushOutbox } from './pushOutbox.ts';
import type { SyncTransport } from './transport.ts';
import { verifySync, type VerifyReport } from './verify.ts';

export const SYNC_LOCK = 'outpost-sync';

/**
 * Runs `work` under the engine's Web Lock, which every tab and the service worker take for a
 * sync: two flushes never overlap, and the session cookie is never switched to another account
 * (src/accounts/switching.ts) while a sync is in flight. Where Web Locks are missing (tests in
 * Node), it runs directly.
 */
export function withSyncLock<T>(work: () => Promise<T>): Promise<T> {
  // `navigator` is the page's Navigator or the worker's WorkerNavigator; both have `locks`.
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? locks.request(SYNC_LOCK, work) : work();
}

export interface SyncOnceOptions {
  now?: () => number;
  /**
   * Asked under the lock: a database that is no longer the one in use (its account signed out
   * meanwhile) is not synced, since the session now belongs to someone else.
   */
  isCurrent?: () => Promise<boolean>;
  /** How long to wait, under the lock, for a device still reading offline (see untilOnline). */
  onlineWithinMs?: number;
}

/**
 * One sync: push the outbox, then pull until up to date (which brings the pushed records back
 * at their new versions), then clear the markers of records with nothing left waiting. It runs
 * under the sync lock, so the `online` fallback and a Background Sync event firing together do
 * not send the same mutations twice. Answers null when the database is not current; while the
 * device is offline the push refuses to start (an `offline` SyncError).
 */
export async function syncOnce(
  db: OutpostDatabase,
  transport: SyncTransport,
  { now = Date.now, isCurrent, onlineWithinMs = 0 }: SyncOnceOptions = {},
): Promise<{ pushed: number; pulled: number; verified?: VerifyReport } | null> {
  return withSyncLock(async () => {
    if (isCurrent && !(await isCurrent())) return null;
    // Waited for under the lock, so a waiting sync counts as one in flight.
    await untilOnline(onlineWithinMs);
    const device = await pushingDevice(db);
    const { pushed } = await pushOutbox(db, transport, device, now);
    const { pulled, full } = await pullChanges(db, transport);
    const verified = full ? await verifyQuietly(db, transport, now) : undefined;
    // What the server turned out not to have goes back to it in this same sync.
    if (verified && verified.resent > 0) {
      await pushOutbox(db, transport, device, now);
      await pullChanges(db, transport);
    }
    await clearSettledMarkers(db);
    return { pushed, pulled, ...(verified ? { verified } : {}) };
  });
}

/**
 * [V3] After a full pull the device checks itself, in the background: a failure then is not the
 * sync's (the next full pull, or Check sync in Settings, tries again).
 */
async function verifyQuietly(
  db: OutpostDatabase,
  transport: SyncTransport,
  now: () => number,
): Promise<VerifyReport | undefined> {
  if (!transport.verify) return undefined;
  return verifySync(db, { ...transport, verify: transport.verify }, now).catch(() => undefined);
}
