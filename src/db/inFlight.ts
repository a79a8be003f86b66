import type { OutpostDatabase } from './schema.ts';
import type { OutboxEntry, OutboxPhase } from './types.ts';

/**
 * The sent watermark (SentRow): how the outbox tells entries that may have reached the server
 * from entries still free to change. Read and written inside the callers' transactions, which
 * include `syncState`, so an edit and a push never disagree on it.
 */
export async function sentThrough(db: OutpostDatabase): Promise<number> {
  const row = await db.syncState.get('sent');
  return row?.key === 'sent' ? row.throughSeq : 0;
}

/** Marks every entry up to `seq` as sent; the watermark only moves forward. */
export async function markSentThrough(db: OutpostDatabase, seq: number): Promise<void> {
  const current = await sentThrough(db);
  if (seq > current) await db.syncState.put({ key: 'sent', throughSeq: seq });
}

/**
 * Moves the watermark back from `seq` to `before`, for a batch that was taken but never sent
 * (the device went offline first). Only the sync that moved it may call this, under the sync
 * lock, so nothing else has moved it since.
 */
export async function unmarkSent(db: OutpostDatabase, seq: number, before: number): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    if ((await sentThrough(db)) === seq)
      await db.syncState.put({ key: 'sent', throughSeq: before });
  });
}

export function outboxPhase(entry: OutboxEntry, throughSeq: number): OutboxPhase {
  if (entry.state === 'failed') return 'failed';
  return entry.seq !== undefined && entry.seq <= throughSeq ? 'inflight' : 'pending';
}

/**
 * [M3] The record's entry an edit may still fold into: its newest pending entry, if it has not
 * been sent. A sent one may already be committed on the server, so it is never changed.
 */
export async function unsentEntryOf(
  db: OutpostDatabase,
  recordKey: string,
): Promise<OutboxEntry | undefined> {
  // Both reads at once: an edit waits for one round trip to IndexedDB, not two.
  const [newest, throughSeq] = await Promise.all([
    db.outbox.where('[recordKey+state]').equals([recordKey, 'pending']).last(),
    sentThrough(db),
  ]);
  return newest?.seq !== undefined && newest.seq > throughSeq ? newest : undefined;
}
