import type { OutpostDatabase } from './schema.ts';
import { recordKey } from './types.ts';

/**
 * Clears the unsynced marker of records that have nothing left waiting (no outbox entry, no
 * conflict). Run after each sync's pull: the pull already rewrites every record that changed
 * on the server, its own pushes included, with the right marker; what it cannot reach is a
 * push the server applied without changing anything (no new version, so nothing to pull).
 *
 * Cheap by construction: it reads only keys of the `pending` index (records still marked) and
 * of the outbox and conflicts, which are small right after a sync.
 */
export async function clearSettledMarkers(db: OutpostDatabase): Promise<number> {
  return db.transaction('rw', [...db.recordTables(), db.outbox, db.conflicts], async () => {
    const waiting = new Set<string>();
    // Compound index keys are [recordKey, state].
    for (const key of await db.outbox.orderBy('[recordKey+state]').keys())
      waiting.add((key as unknown as [string, string])[0]);
    for (const key of await db.conflicts.orderBy('recordKey').keys()) waiting.add(String(key));
    let cleared = 0;
    for (const collection of db.collections.names) {
      const table = db.records(collection);
      const marked = (await table.where('pending').equals(1).primaryKeys()) as string[];
      const settled = marked.filter((id) => !waiting.has(recordKey(collection, id)));
      await table.bulkUpdate(settled.map((id) => ({ key: id, changes: { pending: 0 } })));
      cleared += settled.length;
    }
    return cleared;
  });
}
