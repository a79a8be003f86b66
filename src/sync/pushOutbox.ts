import type { AnyWireRecord, PushResult } from '../protocol/sync.ts';
import { MAX_PUSH_MUTATIONS } from '../protocol/limits.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { markSentThrough, sentThrough, unmarkSent } from '../db/inFlight.ts';
import { newestServerRecord, type ConflictEntry, type OutboxEntry } from '../db/types.ts';
import type { CollectionName } from '../protocol/records.ts';
import { SyncError } from '../api/errors.ts';
import { assertNotKnownOffline, OFFLINE } from '../api/online.ts';
import { storeServerRecord } from './serverRecords.ts';
import { supersede } from './supersede.ts';
import type { SyncTransport } from './transport.ts';

/**
 * Pushes the outbox in order (P2), in batches. An entry is marked in flight before it is sent
 * and never folded into again (M3): the server may have committed it even when the answer was
 * lost, and resending the same mutation id is safe (P1) where a changed one would not be.
 * Entries a closed tab or a crashed worker left in flight are simply sent again.
 *
 * It pushes what was queued when it started, not what is queued while it runs: someone still
 * typing would otherwise have each batch's next keystrokes sealed into a batch of their own, one
 * after the other. Every write asks for a sync of its own (flow 1), which takes the rest.
 */
export async function pushOutbox(
  db: OutpostDatabase,
  transport: SyncTransport,
  clientId: string,
  now: () => number,
  batchSize = MAX_PUSH_MUTATIONS,
): Promise<{ pushed: number }> {
  let pushed = 0;
  // Entries of earlier batches stay in the outbox until their results are applied, so each
  // batch starts after the last one; entries a closed tab left in flight come first (seq order).
  let afterSeq = 0;
  // `seq` is the outbox's auto-increment key: a number.
  const queuedThrough = ((await db.outbox.orderBy('seq').lastKey()) as number | undefined) ?? 0;
  for (;;) {
    // Before the watermark moves: a batch taken while offline would be sealed unsent.
    assertNotKnownOffline();
    const { batch, lastSeq, sentBefore } = await takeBatch(db, afterSeq, queuedThrough, batchSize);
    if (lastSeq === undefined) return { pushed };
    afterSeq = lastSeq;
    if (batch.length === 0) continue; // a run of failed entries, waiting for the person
    let results: PushResult[];
    try {
      ({ results } = await transport.push({
        clientId,
        mutations: batch.map((entry) => entry.mutation),
      }));
    } catch (error) {
      // The device went offline while the batch was taken: the request was never sent, so
      // the batch is not in flight after all, and offline edits still fold into it (M3).
      if (error instanceof SyncError && error.code === OFFLINE) {
        await unmarkSent(db, lastSeq, sentBefore);
      } else {
        await noteAttempt(db, batch, error);
      }
      throw error;
    }
    await applyResults(db, batch, results, now());
    pushed += batch.length;
  }
}

/**
 * The next `size` entries after `afterSeq` (up to `throughSeq`), failed ones left out, marked sent by moving the
 * watermark past them (one row, not a rewrite of each entry). The range is read with one
 * getAll (a filter in the query would walk a cursor entry by entry).
 */
async function takeBatch(
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

async function noteAttempt(
  db: OutpostDatabase,
  batch: OutboxEntry[],
  error: unknown,
): Promise<void> {
  const lastError =
    error instanceof SyncError
      ? { code: error.code, message: error.message }
      : { code: 'unknown', message: String(error) };
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
async function applyResults(
  db: OutpostDatabase,
  batch: OutboxEntry[],
  results: PushResult[],
  time: number,
) {
  await db.transaction('rw', [db.outbox, db.conflicts, db.notes, db.contacts], async () => {
    const done: number[] = [];
    const failed: OutboxEntry[] = [];
    const conflictsBefore = await db.conflicts.toArray();
    const open = groupByRecord(conflictsBefore);
    const merged: { collection: CollectionName; record: AnyWireRecord }[] = [];
    const settled = new Map<string, { collection: CollectionName; record: AnyWireRecord }>();
    for (const [index, entry] of batch.entries()) {
      const result = results[index];
      if (!result || result.id !== entry.mutation.id) {
        throw new SyncError('permanent', 'bad_answer', 'The server answered a different batch');
      }
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
      if (result.status === 'merged')
        merged.push({ collection: entry.mutation.collection, record: result.record });
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
