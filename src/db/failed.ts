import type { OutpostDatabase } from './schema.ts';
import { Dexie } from 'dexie';

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
 * Drops a refused change. A record the server never had goes with it; otherwise the cursor is
 * reset, so the next pull brings the record back as the server has it (with any other waiting
 * changes on top) instead of the refused one. Run it under the sync lock (sync/failed.ts): a
 * pull in flight would write its cursor back over the reset.
 */
export async function dropFailed(db: OutpostDatabase, seq: number): Promise<void> {
  await db.transaction('rw', [db.outbox, ...db.recordTables(), db.syncState], async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.state !== 'failed') return;
    await db.outbox.delete(seq);
    const { collection, recordId, base } = entry.mutation;
    const table = db.records(collection);
    // A creation carries no base (see db/fold.ts): the server never had this record.
    if (base === undefined) await table.delete(recordId);
    else await db.syncState.delete('cursor');
  });
}
