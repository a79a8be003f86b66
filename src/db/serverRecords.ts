import type { Mutation } from '../protocol/mutation.ts';
import type { AnyWireRecord } from '../protocol/records.ts';
import type { OutpostDatabase } from './schema.ts';
import { inEditOrder, recordKey, type ConflictEntry } from './types.ts';
import { rebase } from './rebase.ts';

/**
 * Writes the server's state of a record, rebased onto what this device has not had
 * acknowledged yet: unsent and in-flight mutations, and a conflicting mutation the person has
 * not decided on (the device keeps showing its own version until then). Call inside a
 * transaction over the record's table, the outbox and the conflicts.
 */
export async function storeServerRecord(
  db: OutpostDatabase,
  collection: string,
  server: AnyWireRecord,
): Promise<void> {
  const key = recordKey(collection, server.id);
  const ownMutations = await unacknowledged(db, key);
  const table = db.records(collection);
  await table.put(rebase(db.collections.spec(collection), server, ownMutations));
}

async function unacknowledged(db: OutpostDatabase, key: string): Promise<Mutation[]> {
  const conflicts = await db.conflicts.where('recordKey').equals(key).toArray();
  const entries = await db.outbox
    .where('[recordKey+state]')
    .between([key, ''], [key, '\uffff'])
    .toArray();
  entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return [...inEditOrder(conflicts).map(shownMutation), ...entries.map((entry) => entry.mutation)];
}

/**
 * Every record's unacknowledged mutations, in order, keyed by recordKey: read once for a whole
 * pull page. The outbox and the conflicts are small next to the records, so this beats two
 * look-ups per pulled record.
 */
export async function unacknowledgedByRecord(
  db: OutpostDatabase,
  conflicts: ConflictEntry[],
): Promise<Map<string, Mutation[]>> {
  const byRecord = new Map<string, Mutation[]>();
  const add = (key: string, mutation: Mutation) =>
    byRecord.set(key, [...(byRecord.get(key) ?? []), mutation]);
  for (const conflict of inEditOrder(conflicts)) add(conflict.recordKey, shownMutation(conflict));
  for (const entry of await db.outbox.orderBy('seq').toArray())
    add(entry.recordKey, entry.mutation);
  return byRecord;
}

/**
 * A conflicting mutation as the device keeps showing it until the person decides. A refused
 * put shows the record alive, as the person left it, even if the server has deleted it since
 * (P4, P6): laid over the tombstone as a put, it would vanish from their lists.
 */
function shownMutation(conflict: ConflictEntry): Mutation {
  const { mutation } = conflict;
  return mutation.op === 'put' ? { ...mutation, op: 'restore' } : mutation;
}

/**
 * Keeps each open conflict's copy of the server record current as pulls bring newer versions,
 * so the dialog compares against what the server has now and a resolution is based on it.
 * Call inside the pull page's transaction (with the conflicts table), with every conflict.
 */
export async function refreshConflicts(
  db: OutpostDatabase,
  conflicts: ConflictEntry[],
  pulled: { collection: string; record: AnyWireRecord; changedBy?: string }[],
): Promise<void> {
  if (conflicts.length === 0) return;
  const newest = new Map(
    pulled.map((change) => [recordKey(change.collection, change.record.id), change]),
  );
  const refreshed = conflicts.flatMap((conflict) => {
    const change = newest.get(conflict.recordKey);
    if (!change || change.record.version <= conflict.serverRecord.version) return [];
    // Who made the server's newest change goes with it: the dialog names that device.
    const { changedBy: _earlier, ...rest } = conflict;
    const by = change.changedBy === undefined ? {} : { changedBy: change.changedBy };
    return [{ ...rest, serverRecord: change.record, ...by }];
  });
  await db.conflicts.bulkPut(refreshed);
}
