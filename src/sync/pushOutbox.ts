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
  // `seq` is the outbox's auto-increment key: a number.
  const queuedThrough = await lastQueuedSeq(db);
  // Entries of earlier batches stay in the outbox until their results are applied, so each
  // batch starts after the last one; entries a closed tab left in flight come first (seq order).
  const take = (afterSeq: number) => takeBatch(db, afterSeq, queuedThrough, batchSize);
  // Before the watermark moves: a batch taken while offline would be sealed unsent.
  assertNotKnownOffline();
  let current = await take(0);
  // The results of the batch before, being written while this one is on the wire.
  let applying: Promise<void> = Promise.resolve();
  try {
    while (current.lastSeq !== undefined) {
      if (current.batch.length === 0) {
        current = await take(current.lastSeq); // a run of failed entries, waiting for the person
        continue;
      }
      const sending = current;
      const request = { ...device, mutations: sending.batch.map((entry) => entry.mutation) };
      const results = await sent(db, sending, transport.push(request));
      assertAnswers(sending.batch, results);
      // A batch whose results could not be written stops the push here; it stays in flight
      // and goes again under the same ids (P1).
      await applying;
      let next: Taken | undefined;
      try {
        assertNotKnownOffline();
        // The next batch is taken before these results are written: its transaction comes
        // first, and the results are written while the next request is on the wire, so device
        // and server work overlap. Each batch is still sent right after it is taken, so edits
        // fold into it until then (M3), and requests go one at a time, in order (P2).
        next = await take(sending.lastSeq!);
      } finally {
        applying = applyPushResults(db, sending.batch, results, now());
        applying.catch(() => {}); // awaited before the next batch's results, or on the way out
      }
      pushed += sending.batch.length;
      current = next;
    }
    await applying;
    return { pushed };
  } finally {
    // Never leave with results still being written: the sync lock is released on return.
    await applying.catch(() => undefined);
  }
}

type Taken = Awaited<ReturnType<typeof takeBatch>>;

/**
 * The batch's answer. A send that failed settles its batch as it was before the send: offline
 * before the request left, it was never in flight after all, and offline edits still fold into
 * it (M3); any other failure counts an attempt on each entry (P1: the same ids go again later).
 */
async function sent(
  db: OutpostDatabase,
  taken: Taken,
  answer: Promise<{ results: PushResult[] }>,
): Promise<PushResult[]> {
  try {
    return (await answer).results;
  } catch (error) {
    if (error instanceof SyncError && error.code === OFFLINE) await release(db, taken);
    else await countAttempt(db, taken.batch, attemptError(error));
    throw error;
  }
}

/** A batch taken and never sent: the watermark goes back to where it stood before it. */
async function release(db: OutpostDatabase, taken: Taken): Promise<void> {
  if (taken.lastSeq !== undefined) await unmarkSent(db, taken.lastSeq, taken.sentBefore);
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
