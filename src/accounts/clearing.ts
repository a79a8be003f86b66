import { endSession } from '../api/session.ts';
import { OutpostDatabase } from '../db/schema.ts';
import { forgetTyping } from '../db/typingJournal.ts';
import { recordsWithUnsentChanges } from '../db/unsent.ts';
import { withSyncLock } from '../sync/syncOnce.ts';
import { forgetDevice, knownDatabases, type DeviceRegistry } from './registry.ts';

/**
 * "Clear this device": every account's data and the signed-out data leave the device, for a
 * device that changes hands. What reached the server stays there; what had not is lost, which
 * the person is told first (unsentOnDevice).
 */

/** Records, across every database on this device, with changes only this device has. */
export async function unsentOnDevice(registry: DeviceRegistry): Promise<number> {
  let total = 0;
  for (const name of await knownDatabases(registry)) {
    const db = new OutpostDatabase(name, registry.databaseOptions);
    try {
      total += await recordsWithUnsentChanges(db);
    } finally {
      db.close();
    }
  }
  return total;
}

/**
 * Signs out (ending the session on the server when it can be reached; offline, it ends on its
 * own once idle, A6), forgets every account, and deletes every database with what the typing
 * journal kept of it (through the registry's own IndexedDB, as removeAccountData does through
 * the page's). Under the sync lock, so no sync is halfway through meanwhile. Pages and
 * the worker holding a database close it when it is deleted (Dexie's versionchange): the page
 * that asked reloads afterwards to start as a fresh device.
 */
export async function clearDevice(registry: DeviceRegistry): Promise<void> {
  await withSyncLock(async () => {
    const databases = await knownDatabases(registry);
    // Even signed out: a sign-out made offline could not end its session on the server, and
    // the cookie stays until a sign-in replaces it. Best effort: offline it ends once idle.
    await endSession();
    // The databases first, the registry last: a delete that fails leaves them listed, so
    // clearing again finds them.
    for (const name of databases) {
      await new OutpostDatabase(name, registry.databaseOptions).delete();
      forgetTyping(name);
    }
    await forgetDevice(registry);
  });
}
