import { SyncError } from '../api/errors.ts';
import { assertNotKnownOffline, OFFLINE } from '../api/online.ts';
import { unmarkSent } from '../db/inFlight.ts';
import { applyPushResults, countAttempt, lastQueuedSeq, takeBatch } from '../db/outbox.ts';
import type { PushingDevice } from '../db/device.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import type { OutboxEntry } from '../db/types.ts';
import { MAX_PUSH_MUTATIONS } from '../protocol/limits.ts';
import type { PushResult } from '../protocol/sync.ts';
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
  device: PushingDevice,
  now: () => number,
  batchSize = MAX_PUSH_MUTATIONS,
): Promise<{ pushed: number }> {
  let pushed = 0;
  // Entries of earlier batches stay in the outbox until their results are applied, so each
  // batch starts after the last one; entries a closed tab left in flight come first (seq order).
  let afterSeq = 0;
  // `seq` is the outbox's auto-increment key: a number.
  const queuedThrough = await lastQueuedSeq(db);
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
        ...device,
        mutations: batch.map((entry) => entry.mutation),
      }));
    } catch (error) {
      // The device went offline while the batch was taken: the request was never sent, so
      // the batch is not in flight after all, and offline edits still fold into it (M3).
      if (error instanceof SyncError && error.code === OFFLINE) {
        await unmarkSent(db, lastSeq, sentBefore);
      } else {
        await countAttempt(db, batch, attemptError(error));
      }
      throw error;
    }
    assertAnswers(batch, results);
    await applyPushResults(db, batch, results, now());
    pushed += batch.length;
  }
}

function attemptError(error: unknown): { code: string; message: string } {
  return error instanceof SyncError
    ? { code: error.code, message: error.message }
    : { code: 'unknown', message: String(error) };
}

/** One result per mutation, in order (P): an answer to another batch applies nothing. */
function assertAnswers(batch: OutboxEntry[], results: PushResult[]): void {
  const matches = batch.every((entry, index) => results[index]?.id === entry.mutation.id);
  if (!matches) {
    throw new SyncError('permanent', 'bad_answer', 'The server answered a different batch');
  }
}
