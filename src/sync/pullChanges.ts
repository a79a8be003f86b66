import { SyncError } from '../api/errors.ts';
import { applyPullPage, dropUnreturned, readCursor } from '../db/pulled.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { MAX_PULL_LIMIT } from '../protocol/limits.ts';
import type { SyncTransport } from './transport.ts';

/**
 * Pulls until the server has nothing more (L1). Each page and the cursor after it are stored
 * in one transaction, so a page is never half applied and never applied twice. `full`: the
 * pull started from 0 (a first sync, or a resync, L4), after which the engine verifies (V3).
 */
export async function pullChanges(
  db: OutpostDatabase,
  transport: SyncTransport,
): Promise<{ pulled: number; full: boolean }> {
  const cursor = await readCursor(db);
  try {
    return { ...(await pullFrom(db, transport, cursor)), full: cursor === 0 };
  } catch (error) {
    if (!(error instanceof SyncError) || error.kind !== 'resync') throw error;
    return { ...(await resync(db, transport)), full: true };
  }
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
  await dropUnreturned(db, seen);
  return result;
}
