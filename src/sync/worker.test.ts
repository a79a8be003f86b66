import { describe, expect, it, vi } from 'vitest';
import { SyncError } from '../api/errors.ts';
import { updateStatus } from '../db/status.ts';
import { openTestOutpost } from '../db/testing.ts';
import { onBackgroundSync, onPeriodicSync, onWorkerStart } from './worker.ts';

/** The worker's triggers, with `sync` standing in for one run of the engine (runSync). */
describe("the service worker's sync triggers", () => {
  it('[flow 2] Background Sync: a transient failure or a device still offline rejects, so the browser retries', async () => {
    const transient = new SyncError('transient', 'network', 'Try again later');
    await expect(onBackgroundSync(() => Promise.reject(transient))).rejects.toBe(transient);
    await expect(onBackgroundSync(async () => 'offline')).rejects.toMatchObject({
      kind: 'transient',
      code: 'offline',
    });
    // Waits a moment for navigator.onLine to catch up with the event.
    const sync = vi.fn(async () => 'synced' as const);
    await expect(onBackgroundSync(sync)).resolves.toBeUndefined();
    expect(sync).toHaveBeenCalledWith({ onlineWithinMs: 5_000 });
  });

  it('[flow 2] Background Sync: a failure retrying cannot fix is left to the status row, not retried', async () => {
    const permanent = new SyncError('permanent', 'bad_request', 'Refused');
    await expect(onBackgroundSync(() => Promise.reject(permanent))).resolves.toBeUndefined();
    await expect(onPeriodicSync(() => Promise.reject(permanent))).resolves.toBeUndefined();
  });

  it('worker start flushes a waiting outbox only without Background Sync or after a failed sync', async () => {
    const { db, notes } = openTestOutpost();
    const sync = vi.fn(async () => 'synced' as const);

    await onWorkerStart(db, false, sync);
    expect(sync).not.toHaveBeenCalled(); // nothing waits

    await notes.create({ title: 'Waiting' });
    await onWorkerStart(db, true, sync);
    expect(sync).not.toHaveBeenCalled(); // its Background Sync is registered already
    await onWorkerStart(db, false, sync);
    expect(sync).toHaveBeenCalledTimes(1);

    await updateStatus(db, { phase: 'error' });
    await onWorkerStart(db, true, sync);
    expect(sync).toHaveBeenCalledTimes(2);

    // A sync the browser stopped midway (the worker ended inside it) counts as failed.
    await updateStatus(db, { phase: 'syncing' });
    await onWorkerStart(db, true, sync);
    expect(sync).toHaveBeenCalledTimes(3);

    await onWorkerStart(undefined, false, sync); // nobody signed in
    expect(sync).toHaveBeenCalledTimes(3);
  });
});
