import { SyncError } from '../api/errors.ts';
import { countUnsent } from '../db/outbox.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { readStatus } from '../db/status.ts';
import type { runSync, RunSyncOptions } from './runSync.ts';

/**
 * The service worker's triggers: what it does when the browser wakes it. src/sw.ts adapts the
 * worker's events to these; `sync` runs one sync of the database in use now (runSync).
 */
type SyncCurrent = (options?: RunSyncOptions) => ReturnType<typeof runSync>;

/**
 * [flow 2] The browser fires Background Sync's `sync` once it is online again, even with every
 * tab closed. A rejection makes the browser retry later: a transient failure rejects, and so
 * does a device still offline after all (the worker's navigator.onLine can turn true a moment
 * after the browser fired the event, hence the wait). Other failures are recorded in the status
 * row for the page to show.
 */
export async function onBackgroundSync(sync: SyncCurrent): Promise<void> {
  try {
    const result = await sync({ onlineWithinMs: 5_000 });
    if (result === 'offline') throw new SyncError('transient', 'offline', 'Still offline');
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'transient') throw error;
  }
}

/**
 * Periodic Background Sync, where the browser grants it (an installed app it sees used): pull
 * now and then with no tab open, so the app opens on fresh data. Failures wait for next time.
 */
export async function onPeriodicSync(sync: SyncCurrent): Promise<void> {
  await sync().catch(() => undefined);
}

/**
 * Worker start: where Background Sync is missing, or a sync failed (or was cut off) and left the outbox waiting
 * (a browser retries a failed sync only minutes later), the worker flushes whenever the browser
 * starts it, e.g. for a navigation, with no page code needed. Where Background Sync works and
 * nothing failed, a waiting outbox has its sync registered already: flushing it now too would
 * push a paragraph being typed in the middle (the page asks again at its end).
 */
export async function onWorkerStart(
  db: OutpostDatabase | undefined,
  hasBackgroundSync: boolean,
  sync: SyncCurrent,
): Promise<void> {
  if (!db) return;
  const waiting = await countUnsent(db).catch(() => 0);
  // 'syncing' at worker start is a sync the browser stopped midway (it ends an idle worker,
  // even inside a sync event): it failed too, and its Background Sync retries only later.
  const phase = (await readStatus(db).catch(() => undefined))?.phase;
  const failed = phase === 'error' || phase === 'syncing';
  if (waiting === 0 || (hasBackgroundSync && !failed)) return;
  await sync().catch(() => undefined);
}
