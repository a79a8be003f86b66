import { Dexie } from 'dexie';
import { OutpostDatabase } from '../db/schema.ts';
import { forgetTyping } from '../db/typingJournal.ts';
import { holdAccount } from '../db/account.ts';
import { withSyncLock } from '../sync/syncOnce.ts';
import { signedOutData } from './move.ts';
import {
  currentDatabase,
  markSignedIn,
  markSignedOut,
  type DeviceRegistry,
  type KnownAccount,
} from './registry.ts';
import { endSession, requestSession } from '../api/session.ts';

/**
 * Switching who is signed in on this device. Both directions run under the sync lock
 * (withSyncLock): no sync is in flight while the session cookie changes hands, and every sync
 * asks under the same lock whether its database is still the one in use (runSync), so one
 * account's outbox is never pushed with another account's session.
 */

/** Signs in (or up); from then on the account's own database is the one in use. */
export async function signInOnDevice(
  registry: DeviceRegistry,
  mode: 'signup' | 'login',
  username: string,
  password: string,
): Promise<KnownAccount> {
  return withSyncLock(async () => {
    const user = await requestSession(mode, username, password);
    const leftSignedOut = await signedOutData(registry);
    const account = await markSignedIn(
      registry,
      user,
      leftSignedOut.notes + leftSignedOut.contacts > 0,
    );
    const db = new OutpostDatabase(account.database, registry.databaseOptions);
    try {
      await holdAccount(db, user);
    } finally {
      db.close();
    }
    return account;
  });
}

/**
 * Signs out. `keep`: the account's data stays on this device, in its own database, shown to
 * nobody until the account signs in here again. `remove`: the caller then deletes that
 * database with removeAccountData, once nothing on the page uses it any more (what it had not
 * sent is lost: the dialog says so first). Returns the database to remove, if any.
 */
export async function signOutOnDevice(
  registry: DeviceRegistry,
  choice: 'keep' | 'remove',
): Promise<string | undefined> {
  return withSyncLock(async () => {
    const current = await currentDatabase(registry);
    if (!current.account) return undefined;
    await endSession();
    await markSignedOut(registry, choice === 'remove' ? current.account.userId : undefined);
    return choice === 'remove' ? current.name : undefined;
  });
}

/**
 * Deletes a signed-out account's database from this device, with what the typing journal
 * kept of it. Nothing syncs it any more (the registry no longer names it), and every other
 * open connection, in other tabs or the worker, closes itself on Dexie's versionchange.
 */
export async function removeAccountData(database: string): Promise<void> {
  await Dexie.delete(database);
  forgetTyping(database);
}
