import type { OutpostDatabase } from '../db/schema.ts';
import type { StoredRecord } from '../db/types.ts';
import type { CollectionName } from '../protocol/records.ts';
import { Dexie, type Table } from 'dexie';
import { withSyncLock } from './syncOnce.ts';

/**
 * What the person can do with a change the server refused (P7 `rejected`): try it again, or
 * discard it. The server remembers its answer per mutation id (P1), so a retry goes out under a
 * new id: a new, unsent mutation. When it is the record's only entry it moves to the end of the
 * outbox, above the sent watermark, so edits made next fold into it (M3); when later edits of
 * the record wait behind it, it keeps its place, since they must go after it (P2).
 */
export async function retryFailed(db: OutpostDatabase, seq: number, newId: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.state !== 'failed') return;
    const retried = {
      ...entry,
      state: 'pending' as const,
      mutation: { ...entry.mutation, id: newId },
    };
    const entriesOfRecord = await db.outbox
      .where('[recordKey+state]')
      .between([entry.recordKey, Dexie.minKey], [entry.recordKey, Dexie.maxKey])
      .count();
    if (entriesOfRecord > 1) return void (await db.outbox.put(retried));
    await db.outbox.delete(seq);
    const { seq: _old, ...unsent } = retried;
    await db.outbox.add(unsent);
  });
}

/**
 * Drops a refused change. A record the server never had goes with it; otherwise the device
 * pulls from the start again, so the record shows the server's version (with any other
 * waiting changes on top) instead of the refused one. Under the sync lock: a pull in flight
 * would otherwise write its cursor back over the reset, and the record would keep the refused
 * value for good.
 */
export async function discardFailed(db: OutpostDatabase, seq: number): Promise<void> {
  await withSyncLock(() => dropFailed(db, seq));
}

async function dropFailed(db: OutpostDatabase, seq: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.notes, db.contacts, db.syncState], async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.state !== 'failed') return;
    await db.outbox.delete(seq);
    const { collection, recordId, base } = entry.mutation;
    const table = db.table(collection) as Table<StoredRecord<CollectionName>, string>;
    // A creation carries no base (see db/fold.ts): the server never had this record.
    if (base === undefined) await table.delete(recordId);
    else await db.syncState.delete('cursor');
  });
}
