import type { PushResult } from '../protocol/sync.ts';
import { MAX_PUSH_MUTATIONS } from '../protocol/sync.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import type { OutboxEntry } from '../db/types.ts';
import { SyncError } from './errors.ts';
import { refreshPending, storeServerRecord } from './localRecords.ts';
import type { SyncTransport } from './transport.ts';

/**
 * Pushes the outbox in order (P2), in batches. An entry is marked in flight before it is sent
 * and never folded into again (M3): the server may have committed it even when the answer was
 * lost, and resending the same mutation id is safe (P1) where a changed one would not be.
 * Entries a closed tab or a crashed worker left in flight are simply sent again.
 */
export async function pushOutbox(
  db: OutpostDatabase,
  transport: SyncTransport,
  clientId: string,
  now: () => number,
  batchSize = MAX_PUSH_MUTATIONS,
): Promise<{ pushed: number }> {
  let pushed = 0;
  for (;;) {
    const batch = await takeBatch(db, batchSize);
    if (batch.length === 0) return { pushed };
    let results: PushResult[];
    try {
      ({ results } = await transport.push({
        clientId,
        mutations: batch.map((entry) => entry.mutation),
      }));
    } catch (error) {
      await noteAttempt(db, batch, error);
      throw error;
    }
    await applyResults(db, batch, results, now());
    pushed += batch.length;
  }
}

async function takeBatch(db: OutpostDatabase, size: number): Promise<OutboxEntry[]> {
  return db.transaction('rw', db.outbox, async () => {
    const entries = await db.outbox
      .orderBy('seq')
      .filter((entry) => entry.state !== 'failed')
      .limit(size)
      .toArray();
    await db.outbox.bulkPut(entries.map((entry) => ({ ...entry, state: 'inflight' as const })));
    return entries;
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

/** One transaction: each result lands with the record it concerns, or none does. */
async function applyResults(
  db: OutpostDatabase,
  batch: OutboxEntry[],
  results: PushResult[],
  time: number,
) {
  await db.transaction('rw', [db.outbox, db.conflicts, db.notes, db.contacts], async () => {
    for (const [index, entry] of batch.entries()) {
      const result = results[index];
      const { collection, recordId } = entry.mutation;
      if (!result || result.id !== entry.mutation.id) {
        throw new SyncError('permanent', 'bad_answer', 'The server answered a different batch');
      }
      if (result.status === 'rejected') {
        await db.outbox.update(entry.seq!, {
          state: 'failed',
          lastError: result.error,
          attempts: entry.attempts + 1,
        });
        continue;
      }
      await db.outbox.delete(entry.seq!);
      if (result.status === 'conflict') {
        await db.conflicts.put({
          mutationId: entry.mutation.id,
          recordKey: entry.recordKey,
          mutation: entry.mutation,
          reason: result.reason,
          fields: result.fields,
          serverRecord: result.record,
          reportedAt: time,
        });
      }
      if (result.status === 'merged') await storeServerRecord(db, collection, result.record);
      else await refreshPending(db, collection, recordId);
    }
  });
}
