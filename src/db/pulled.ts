import type { Change, PullResponse } from '../protocol/sync.ts';
import { rebase } from './rebase.ts';
import type { OutpostDatabase } from './schema.ts';
import { refreshConflicts, unacknowledgedByRecord } from './serverRecords.ts';
import { readClientId } from './device.ts';
import { noteReplaced } from './replaced.ts';
import { recordKey, type ReplacedNotice } from './types.ts';

/** What a pull writes on the device: pages of the server's records, and the cursor after each. */

/** [L] the server change counter this device has pulled up to. */
export async function readCursor(db: OutpostDatabase): Promise<number> {
  const row = await db.syncState.get('cursor');
  return row?.key === 'cursor' ? row.cursor : 0;
}

/**
 * Stores one page of a pull and the cursor after it, in one transaction: each record as the
 * server has it with this device's unacknowledged mutations on top (see rebase.ts).
 */
export async function applyPullPage(db: OutpostDatabase, page: PullResponse): Promise<void> {
  await db.transaction('rw', serverWriteTables(db), async () => {
    await storeChanges(db, page.changes);
    await db.syncState.put({ key: 'cursor', cursor: page.cursor });
  });
}

/** The tables that storing the server's records writes: call storeChanges inside them. */
export function serverWriteTables(db: OutpostDatabase) {
  return [...db.recordTables(), db.outbox, db.conflicts, db.syncState];
}

/**
 * Stores records as the server has them, each with this device's unacknowledged mutations on
 * top (a pull page's, or a verified range's, V3). Call inside a transaction over
 * serverWriteTables.
 */
export async function storeChanges(db: OutpostDatabase, changes: Change[]): Promise<void> {
  // Read once for the page: the records are rebased on them, and they are refreshed.
  const conflicts = await db.conflicts.toArray();
  await noteReplaced(db, await overruledHere(db, changes));
  const waiting = await unacknowledgedByRecord(db, conflicts);
  const rebased = (collection: string) =>
    changes
      .filter((change) => change.collection === collection)
      .map(({ record }) =>
        rebase(
          db.collections.spec(collection),
          record,
          waiting.get(recordKey(collection, record.id)) ?? [],
        ),
      );
  // A collection this device does not keep is skipped (a newer app's); the schema version
  // that adds its table pulls again from 0 (schema.ts).
  for (const collection of db.collections.names)
    await db.records(collection).bulkPut(rebased(collection));
  await refreshConflicts(db, conflicts, changes);
}

/**
 * [P3 latest-wins, issue 13] the page's records whose value this device showed another device
 * overruled, at a version this device had not pulled yet (a later pull of the record says the
 * same and is not noted again). Call before the records are stored.
 */
async function overruledHere(db: OutpostDatabase, changes: Change[]): Promise<ReplacedNotice[]> {
  const clientId = await readClientId(db);
  if (clientId === undefined) return [];
  const notices: ReplacedNotice[] = [];
  for (const { collection, record, replaced } of changes) {
    const mine = Object.entries(replaced ?? {}).filter(([, entry]) => entry.clientId === clientId);
    if (mine.length === 0 || !db.collections.names.includes(collection)) continue;
    const shown = await db.records(collection).get(record.id);
    const unseen = mine.filter(([, entry]) => entry.version > (shown?.version ?? 0));
    if (unseen.length === 0) continue;
    // Named after the device that overruled the value, not the record's latest change.
    const by = unseen.map(([, entry]) => entry.by).find((name) => name !== undefined);
    notices.push({
      recordKey: recordKey(collection, record.id),
      fields: unseen.map(([field]) => field),
      ...(by === undefined ? {} : { by }),
    });
  }
  return notices;
}

/**
 * [L4] After a full pull from 0: drops the records it did not return (their tombstones were
 * purged) that have no change waiting to be sent. `returned`: `${collection}:${id}` keys.
 */
export async function dropUnreturned(db: OutpostDatabase, returned: Set<string>): Promise<void> {
  await db.transaction('rw', db.recordTables(), async () => {
    for (const collection of db.collections.names) {
      await db
        .records(collection)
        .filter((record) => record.pending === 0 && !returned.has(recordKey(collection, record.id)))
        .delete();
    }
  });
}
