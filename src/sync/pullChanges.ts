import { DEFAULT_PULL_LIMIT } from '../protocol/sync.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { SyncError } from './errors.ts';
import { storeServerRecord } from './localRecords.ts';
import type { SyncTransport } from './transport.ts';

async function readCursor(db: OutpostDatabase): Promise<number> {
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

async function pullFrom(
  db: OutpostDatabase,
  transport: SyncTransport,
  from: number,
  seen?: Set<string>,
) {
  let cursor = from;
  let pulled = 0;
  for (let hasMore = true; hasMore;) {
    const page = await transport.pull(cursor, DEFAULT_PULL_LIMIT);
    await db.transaction(
      'rw',
      [db.notes, db.contacts, db.outbox, db.conflicts, db.syncState],
      async () => {
        for (const { collection, record } of page.changes) {
          await storeServerRecord(db, collection, record);
          seen?.add(`${collection}:${record.id}`);
        }
        await db.syncState.put({ key: 'cursor', cursor: page.cursor });
      },
    );
    pulled += page.changes.length;
    cursor = page.cursor;
    hasMore = page.hasMore;
  }
  return { pulled };
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
