import { MAX_PULL_LIMIT } from '../protocol/limits.ts';
import type { PullResponse } from '../protocol/sync.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { SyncError } from '../api/errors.ts';
import type { CollectionName } from '../protocol/records.ts';
import { recordKey, type StoredRecord } from '../db/types.ts';
import { refreshConflicts, unacknowledgedByRecord } from './serverRecords.ts';
import { rebase } from './rebase.ts';
import type { SyncTransport } from './transport.ts';

/** [L] the server change counter this device has pulled up to. */
export async function readCursor(db: OutpostDatabase): Promise<number> {
  const row = await db.syncState.get('cursor');
  return row?.key === 'cursor' ? row.cursor : 0;
}

/**
 * Pulls until the server has nothing more (L1). Each page and the cursor after it are stored
 * in one transaction, so a page is never half applied and never applied twice.
 */
export async function pullChanges(
  db: OutpostDatabase,
  transport: SyncTransport,
): Promise<{ pulled: number }> {
  try {
    return await pullFrom(db, transport, await readCursor(db));
  } catch (error) {
    if (!(error instanceof SyncError) || error.kind !== 'resync') throw error;
    return resync(db, transport);
  }
}

/**
 * Stores one page of a pull and the cursor after it, in one transaction: each record as the
 * server has it with this device's unacknowledged mutations on top (see rebase.ts).
 */
export async function applyPullPage(db: OutpostDatabase, page: PullResponse): Promise<void> {
  await db.transaction(
    'rw',
    [db.notes, db.contacts, db.outbox, db.conflicts, db.syncState],
    async () => {
      // Read once for the page: the records are rebased on them, and they are refreshed.
      const conflicts = await db.conflicts.toArray();
      const waiting = await unacknowledgedByRecord(db, conflicts);
      const rebased = (collection: CollectionName) =>
        page.changes
          .filter((change) => change.collection === collection)
          .map(({ record }) => rebase(record, waiting.get(recordKey(collection, record.id)) ?? []));
      await db.notes.bulkPut(rebased('notes') as StoredRecord<'notes'>[]);
      await db.contacts.bulkPut(rebased('contacts') as StoredRecord<'contacts'>[]);
      await refreshConflicts(db, conflicts, page.changes);
      await db.syncState.put({ key: 'cursor', cursor: page.cursor });
    },
  );
}

async function pullFrom(
  db: OutpostDatabase,
  transport: SyncTransport,
  from: number,
  seen?: Set<string>,
) {
  let pulled = 0;
  let next = transport.pull(from, MAX_PULL_LIMIT);
  for (;;) {
    const page = await next;
    // Ask for the next page while this one is written, so the server and IndexedDB work at
    // once. If writing fails, that answer is dropped (handled, so it is not reported unhandled).
    if (page.hasMore) {
      next = transport.pull(page.cursor, MAX_PULL_LIMIT);
      next.catch(() => undefined);
    }
    await applyPullPage(db, page);
    for (const { collection, record } of page.changes) seen?.add(`${collection}:${record.id}`);
    pulled += page.changes.length;
    if (!page.hasMore) return { pulled };
  }
}

/**
 * [L4] Tombstones this device never saw were purged: pull everything from 0, then drop local
 * records the full pull did not return and that have no change waiting to be sent.
 */
async function resync(db: OutpostDatabase, transport: SyncTransport): Promise<{ pulled: number }> {
  const seen = new Set<string>();
  const result = await pullFrom(db, transport, 0, seen);
  await db.transaction('rw', [db.notes, db.contacts], async () => {
    for (const table of [db.notes, db.contacts]) {
      const collection = table === db.notes ? 'notes' : 'contacts';
      await table
        .filter((record) => record.pending === 0 && !seen.has(`${collection}:${record.id}`))
        .delete();
    }
  });
  return result;
}
