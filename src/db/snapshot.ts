import { COLLECTIONS, type CollectionName } from '../model/collections.ts';
import type { OutpostDatabase } from './schema.ts';
import type { StoredRecord } from './types.ts';

/** Every live record of each collection, as one moment saw them. */
export type LiveRecords = { [C in CollectionName]: StoredRecord<C>[] };

/**
 * Every live record of every collection, read in one transaction: an export never shows a
 * moment that never was (a note written between two reads). Deleted records (tombstones kept
 * for sync) are left out.
 */
export async function readLiveRecords(db: OutpostDatabase): Promise<LiveRecords> {
  const tables = COLLECTIONS.map((collection) => db.records(collection));
  const all = await db.transaction('r', tables, () =>
    Promise.all(tables.map((table) => table.toArray())),
  );
  const live = all.map((records) => records.filter((record) => record.deletedAt === null));
  return Object.fromEntries(
    COLLECTIONS.map((collection, index) => [collection, live[index]!]),
  ) as LiveRecords;
}

/**
 * Runs `work` (repository writes) in one transaction over every record table and the outbox:
 * all of it is stored, or none of it is. An import uses it so a failure halfway (a full disk,
 * a closed tab) leaves nothing half-imported.
 */
export function allOrNothing<T>(db: OutpostDatabase, work: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [...db.recordTables(), db.outbox], work);
}
