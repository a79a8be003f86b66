import { Dexie, type Table } from 'dexie';
import type { CollectionName } from '../model/collections.ts';
import { LIST_INDEX } from './listIndex.ts';
import type { OutpostDatabase } from './schema.ts';
import type { StoredRecord } from './types.ts';

/**
 * A collection's list as the lists show it (listIndex.ts): live records, those listed first
 * ahead, newest first. Both reads touch only the list index and the rows asked for, so a list
 * of 10,000 costs what a screenful does, and a live query over them re-runs on a save without
 * reading the table again.
 */
function listed<C extends CollectionName>(db: OutpostDatabase, collection: C) {
  const table: Table<StoredRecord<C>, string> = db.records(collection);
  return table
    .where(LIST_INDEX)
    .between([0, Dexie.minKey], [1, Dexie.maxKey], true, true)
    .reverse();
}

/** How many records the list shows. */
export function listLength(db: OutpostDatabase, collection: CollectionName): Promise<number> {
  return listed(db, collection).count();
}

/** The list's rows from position `first` (0 is the top), at most `limit` of them. */
export function listRows<C extends CollectionName>(
  db: OutpostDatabase,
  collection: C,
  first: number,
  limit: number,
): Promise<StoredRecord<C>[]> {
  return listed(db, collection).offset(first).limit(limit).toArray();
}
