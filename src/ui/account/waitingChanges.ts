import { outboxPhase } from '../../db/inFlight.ts';
import type { OutboxEntry, OutboxPhase } from '../../db/types.ts';

/** One line of the Details list: one record's change, as the status line counts it. */
export interface WaitingChange {
  key: string;
  collection: string;
  recordId: string;
  /** What the change does to the record, in the person's terms. */
  kind: 'new' | 'changed' | 'deleted' | 'restored';
  phase: OutboxPhase;
  since: number;
  attempts: number;
  lastError?: { code: string; message: string };
  /** A refused entry, which the person can try again or discard; undefined for the rest. */
  refusedSeq?: number;
}

/**
 * The outbox as a person sees it: one line per record that waits (an edit made while an
 * earlier one is in flight is a second entry, but one change to the person, as the status
 * line counts it), and one line per refused change, each with its own actions. `entries` in
 * outbox order.
 */
export function waitingChanges(entries: OutboxEntry[], throughSeq: number): WaitingChange[] {
  const byRecord = new Map<string, OutboxEntry[]>();
  const refused: WaitingChange[] = [];
  for (const entry of entries) {
    if (entry.state === 'failed')
      refused.push({ ...lineOf([entry], 'failed'), refusedSeq: entry.seq });
    else byRecord.set(entry.recordKey, [...(byRecord.get(entry.recordKey) ?? []), entry]);
  }
  const waiting = [...byRecord.values()].map((own) => {
    const sending = own.some((entry) => outboxPhase(entry, throughSeq) === 'inflight');
    return lineOf(own, sending ? 'inflight' : 'pending');
  });
  return [...waiting, ...refused];
}

/**
 * What the status line counts, as Details lists it (one line per record that waits, one per
 * record with a refused change: two refused edits of one note are one to fix), from each
 * entry's record and state alone.
 */
export function countWaiting(entries: Pick<OutboxEntry, 'recordKey' | 'state'>[]): {
  pending: number;
  failed: number;
} {
  const waiting = new Set<string>();
  const refused = new Set<string>();
  for (const { recordKey, state } of entries)
    (state === 'failed' ? refused : waiting).add(recordKey);
  return { pending: waiting.size, failed: refused.size };
}

function lineOf(own: OutboxEntry[], phase: OutboxPhase): WaitingChange {
  const first = own[0]!;
  const last = own.at(-1)!;
  const { collection, recordId } = first.mutation;
  return {
    key: `${first.recordKey}:${first.seq ?? 0}`,
    collection,
    recordId,
    kind: kindOf(first, last),
    phase,
    since: Math.min(...own.map((entry) => entry.queuedAt)),
    attempts: Math.max(...own.map((entry) => entry.attempts)),
    ...((last.lastError ?? first.lastError)
      ? { lastError: last.lastError ?? first.lastError }
      : {}),
  };
}

/** A creation is the one mutation without a base (M1); the latest op decides the rest. */
function kindOf(first: OutboxEntry, last: OutboxEntry): WaitingChange['kind'] {
  if (last.mutation.op === 'delete') return 'deleted';
  if (first.mutation.base === undefined) return 'new';
  return last.mutation.op === 'restore' ? 'restored' : 'changed';
}
