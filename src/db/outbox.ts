import type { AnyWireRecord, PushResult } from '../protocol/sync.ts';
import { markSentThrough, sentThrough } from './inFlight.ts';
import type { OutpostDatabase } from './schema.ts';
import { noteReplaced } from './replaced.ts';
import { storeServerRecord } from './serverRecords.ts';
import { supersede } from './supersede.ts';
import {
  newestServerRecord,
  type ConflictEntry,
  type OutboxEntry,
  type ReplacedNotice,
} from './types.ts';

/**
 * The outbox as the push sees it: the last entry queued, the next batch to send (marked in
 * flight by moving the sent watermark past it), an attempt that failed, and the server's
 * results applied in one transaction.
 */

/** `seq` of the newest entry queued (the outbox's auto-increment key), 0 when it is empty. */
export async function lastQueuedSeq(db: OutpostDatabase): Promise<number> {
  return ((await db.outbox.orderBy('seq').lastKey()) as number | undefined) ?? 0;
}

/** How many entries wait to be sent (or are in flight): every one but those the server refused. */
export async function countUnsent(db: OutpostDatabase): Promise<number> {
  return db.outbox.filter((entry) => entry.state !== 'failed').count();
}

/**
 * The next `size` entries after `afterSeq` (up to `throughSeq`), failed ones left out, marked sent by moving the
 * watermark past them (one row, not a rewrite of each entry). The range is read with one
 * getAll (a filter in the query would walk a cursor entry by entry).
 */
export async function takeBatch(
  db: OutpostDatabase,
  afterSeq: number,
  throughSeq: number,
  size: number,
): Promise<{ batch: OutboxEntry[]; lastSeq: number | undefined; sentBefore: number }> {
  return db.transaction('rw', db.outbox, db.syncState, async () => {
    const entries = await db.outbox
      .where('seq')
      .between(afterSeq, throughSeq, false, true)
      .limit(size)
      .toArray();
    const batch = entries.filter((entry) => entry.state !== 'failed');
    const lastSeq = entries.at(-1)?.seq;
    const sentBefore = await sentThrough(db);
    if (lastSeq !== undefined) await markSentThrough(db, lastSeq);
    return { batch, lastSeq, sentBefore };
  });
}

/** A send of the batch failed: each entry counts the attempt and keeps the error. */
export async function countAttempt(
  db: OutpostDatabase,
  batch: OutboxEntry[],
  lastError: { code: string; message: string },
): Promise<void> {
  await db.outbox.bulkUpdate(
    batch.map((entry) => ({
      key: entry.seq!,
      changes: { attempts: entry.attempts + 1, lastError },
    })),
  );
}

/**
 * One transaction: each result lands with the record it concerns, or none does. Written in
 * bulk (a batch is up to 500 results): entries acknowledged are deleted, rejected ones kept as
 * failed, conflicts stored (and earlier ones settled by a later applied edit of the same
 * record), merged records stored (rebased on what still waits).
 *
 * The records of applied mutations are not written here: the pull that follows every push
 * (syncOnce) brings each one back at its new version and clears its unsynced marker when
 * nothing else waits. Writing them here too would write every pushed record twice.
 */
export async function applyPushResults(
  db: OutpostDatabase,
  batch: OutboxEntry[],
  results: PushResult[],
  time: number,
): Promise<void> {
  const tables = [db.outbox, db.conflicts, db.syncState, ...db.recordTables()];
  await db.transaction('rw', tables, async () => {
    const done: number[] = [];
    const overruled: ReplacedNotice[] = [];
    const failed: OutboxEntry[] = [];
    const conflictsBefore = await db.conflicts.toArray();
    const open = groupByRecord(conflictsBefore);
    const merged: { collection: string; record: AnyWireRecord }[] = [];
    const settled = new Map<string, { collection: string; record: AnyWireRecord }>();
    for (const [index, entry] of batch.entries()) {
      // The engine checked that the results answer this batch, one per entry, in order.
      const result = results[index]!;
      if (result.status === 'rejected') {
        failed.push({
          ...entry,
          state: 'failed',
          lastError: result.error,
          attempts: entry.attempts + 1,
        });
        continue;
      }
      done.push(entry.seq!);
      if (result.status === 'conflict') {
        const conflicts = open.get(entry.recordKey) ?? [];
        open.set(entry.recordKey, [...conflicts, conflictOf(entry, result, time)]);
        continue;
      }
      // Applied: an earlier conflict of the record may be settled by it (see supersede.ts).
      const earlier = open.get(entry.recordKey);
      if (earlier) {
        const still = earlier.map((conflict) => supersede(conflict, entry.mutation));
        open.set(
          entry.recordKey,
          still.filter((conflict) => conflict !== null),
        );
        // When the server did not change the record, no pull will bring it back: show the
        // server's copy the conflicts kept, so what a settled conflict showed goes away.
        const server = newestServerRecord(earlier);
        if (result.status === 'applied' && result.version <= server.version) {
          settled.set(entry.recordKey, { collection: entry.mutation.collection, record: server });
        }
      }
      if (result.status === 'merged') {
        merged.push({ collection: entry.mutation.collection, record: result.record });
        // [P3 latest-wins] values of this edit that a later write overruled: said, not hidden.
        // Unnamed: the record's changedBy may be this very push (its other fields applied).
        if (result.lost?.length)
          overruled.push({ recordKey: entry.recordKey, fields: result.lost });
      }
    }
    const conflictsAfter = [...open.values()].flat();
    const kept = new Set(conflictsAfter.map((conflict) => conflict.mutationId));
    await db.outbox.bulkDelete(done);
    await db.outbox.bulkPut(failed);
    await db.conflicts.bulkDelete(
      conflictsBefore.filter((c) => !kept.has(c.mutationId)).map((c) => c.mutationId),
    );
    await db.conflicts.bulkPut(conflictsAfter);
    for (const { collection, record } of [...merged, ...settled.values()]) {
      await storeServerRecord(db, collection, record);
    }
    await noteReplaced(db, overruled);
  });
}

function conflictOf(
  entry: OutboxEntry,
  result: Extract<PushResult, { status: 'conflict' }>,
  time: number,
): ConflictEntry {
  return {
    mutationId: entry.mutation.id,
    recordKey: entry.recordKey,
    mutation: entry.mutation,
    reason: result.reason,
    fields: result.fields,
    serverRecord: result.record,
    ...(result.changedBy === undefined ? {} : { changedBy: result.changedBy }),
    reportedAt: time,
    seq: entry.seq,
  };
}

function groupByRecord(conflicts: ConflictEntry[]): Map<string, ConflictEntry[]> {
  const byRecord = new Map<string, ConflictEntry[]>();
  for (const conflict of conflicts) {
    byRecord.set(conflict.recordKey, [...(byRecord.get(conflict.recordKey) ?? []), conflict]);
  }
  return byRecord;
}
