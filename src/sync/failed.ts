import type { OutpostDatabase } from '../db/schema.ts';
import type { StoredRecord } from '../db/types.ts';
import type { CollectionName } from '../protocol/records.ts';
import type { Table } from 'dexie';

/**
 * What the person can do with a change the server refused (P7 `rejected`): try it again, or
 * discard it. The server remembers its answer per mutation id (P1), so a retry goes out under a
 * new id; edits made since fold into it again.
 */
export async function retryFailed(db: OutpostDatabase, seq: number, newId: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.state !== 'failed') return;
    await db.outbox.put({ ...entry, state: 'pending', mutation: { ...entry.mutation, id: newId } });
  });
}

/**
 * Drops a refused change. A record the server never had goes with it; otherwise the device
 * pulls from the start again, so the record shows the server's version (with any other
 * waiting changes on top) instead of the refused one.
 */
export async function discardFailed(db: OutpostDatabase, seq: number): Promise<void> {
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
