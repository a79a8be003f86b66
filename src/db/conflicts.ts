import type { AnyWireRecord } from '../protocol/records.ts';
import type { PendingMutation } from './fold.ts';
import { unsentEntryOf } from './inFlight.ts';
import type { OutpostDatabase } from './schema.ts';
import { storeServerRecord } from './serverRecords.ts';
import {
  inEditOrder,
  recordKey,
  type AnyStoredRecord,
  type ConflictEntry,
  type OutboxEntry,
} from './types.ts';

/** A record's open conflicts (P3–P6) in edit order, with the record as the device shows it. */
/**
 * The keys (`collection:id`) of the records with an open conflict, one per record however many
 * of its pushes collided: read from the conflicts index only.
 */
export async function conflictedRecordKeys(db: OutpostDatabase): Promise<string[]> {
  return (await db.conflicts.orderBy('recordKey').uniqueKeys()).map(String);
}

export interface RecordConflicts {
  entries: ConflictEntry[];
  local: AnyStoredRecord | undefined;
}

/** The record's open conflicts, read together with the record; undefined when it has none. */
export async function readRecordConflicts(
  db: OutpostDatabase,
  collection: string,
  recordId: string,
): Promise<RecordConflicts | undefined> {
  const table = db.records(collection);
  return db.transaction('r', [table, db.conflicts], async () => {
    const entries = await conflictsOf(db, recordKey(collection, recordId));
    if (entries.length === 0) return undefined;
    return { entries, local: await table.get(recordId) };
  });
}

/** What a decision about a record's conflicts comes to (planned in src/conflicts). */
export interface Settlement {
  /** The one mutation that carries out the decision; null when nothing of mine is left. */
  planned: PendingMutation | null;
  /** The server's record the decision was made against: the device shows it, with `planned` on top. */
  theirs: AnyWireRecord;
}

/**
 * Carries out a decision in one transaction: the record's conflict entries and its unsent
 * outbox entry (both given to `decide`, which turns them into one mutation) give way to that
 * mutation, and the record is shown as the server's version with what still waits on top.
 * Returns false when there was nothing to settle (another tab already did).
 */
export async function settleRecordConflicts(
  db: OutpostDatabase,
  collection: string,
  recordId: string,
  time: number,
  decide: (found: RecordConflicts & { unsent: OutboxEntry | undefined }) => Settlement,
): Promise<boolean> {
  const key = recordKey(collection, recordId);
  const table = db.records(collection);
  return db.transaction('rw', [table, db.outbox, db.conflicts, db.syncState], async () => {
    const entries = await conflictsOf(db, key);
    if (entries.length === 0) return false;
    const unsent = await unsentEntryOf(db, key);
    const { planned, theirs } = decide({ entries, local: await table.get(recordId), unsent });
    await db.conflicts.bulkDelete(entries.map((entry) => entry.mutationId));
    if (unsent?.seq !== undefined) await db.outbox.delete(unsent.seq);
    if (planned) {
      await db.outbox.add({
        recordKey: key,
        state: 'pending',
        queuedAt: time,
        attempts: 0,
        ...planned,
      });
    }
    await storeServerRecord(db, collection, theirs);
    // A decision is an edit made now: editors that ignore echoes of their own older saves
    // (useAutosave compares updatedAt) must take the decided values as news.
    if (planned) await table.update(recordId, { updatedAt: time });
    return true;
  });
}

async function conflictsOf(db: OutpostDatabase, key: string): Promise<ConflictEntry[]> {
  return inEditOrder(await db.conflicts.where('recordKey').equals(key).toArray());
}
