import type { Mutation } from '../protocol/mutation.ts';
import type { AnyWireRecord, RecordMeta } from '../protocol/records.ts';
import type { CollectionName, FieldsOf } from '../model/collections.ts';
import type { Fields } from '../model/collections/define.ts';

/**
 * A record as stored on the device: exactly the wire record (R1, R2) plus one local marker.
 * `pending` is 1 while the outbox holds a change of this record that the server has not
 * acknowledged. It is a number, not a boolean, because IndexedDB cannot index booleans.
 */
export type StoredRecordOf<F extends Fields> = F & RecordMeta & { pending: 0 | 1 };
/** A record of an app collection, typed as that collection's. */
export type StoredRecord<C extends CollectionName> = StoredRecordOf<FieldsOf[C]>;
/** A record of whichever collection: what code that handles every collection alike sees. */
export type AnyStoredRecord = AnyWireRecord & { pending: 0 | 1 };

/**
 * What is stored of an outbox entry's life: waiting to be sent (or sent, see SentRow), or
 * refused by the server (P7) and kept for the person to retry or discard.
 */
export type OutboxState = 'pending' | 'failed';

/**
 * Where an entry is in its life, as the UI and the rules see it: `inflight` is a `pending`
 * entry at or below the sent watermark (SentRow). Only an entry that is `pending` in this
 * sense may still be folded into (M3).
 */
export type OutboxPhase = 'pending' | 'inflight' | 'failed';

export interface OutboxEntry {
  /** Auto-increment key: the order edits were made in, which is the order they are pushed in (P2). */
  seq?: number;
  /** `${collection}:${recordId}`, the index folding looks entries up by. */
  recordKey: string;
  state: OutboxState;
  /** The mutation exactly as it will be pushed (PROTOCOL.md section M). */
  mutation: Mutation;
  /**
   * Whether the record was deleted in the state this mutation's base describes. Folding needs
   * it to pick the op: a restore of a record deleted on the server stays a restore, however
   * many edits follow.
   */
  baseDeleted: boolean;
  /**
   * The record's `deletedAt` at the base, when deleted: a restore undone before it is sent
   * leaves the record deleted since then, not since the undo.
   */
  baseDeletedAt?: number;
  /** When the first edit folded into this entry was made (device clock, ms). */
  queuedAt: number;
  attempts: number;
  lastError?: { code: string; message: string };
}

/** [P3–P6] a push result `conflict`: the mutation, and the server's record it collided with. */
export interface ConflictEntry {
  mutationId: string;
  recordKey: string;
  mutation: Mutation;
  reason: 'edit' | 'deleted' | 'delete-edited';
  fields: string[];
  serverRecord: AnyWireRecord;
  /** [P9] the name of the device that made the server record's last change, if it sent one. */
  changedBy?: string;
  reportedAt: number;
  /** The refused outbox entry's seq: orders conflicts one push reported (edit order, P2). */
  seq?: number;
}

/** The newest copy of the server's record that a record's conflicts hold (pulls refresh them). */
export function newestServerRecord(entries: ConflictEntry[]): AnyWireRecord {
  return newestServerEntry(entries).serverRecord;
}

/** The conflict entry holding the newest copy of the server's record, and who changed it. */
export function newestServerEntry(entries: ConflictEntry[]): ConflictEntry {
  const [first, ...rest] = entries;
  if (!first) throw new RangeError('a conflict needs at least one entry');
  return rest.reduce(
    (newest, entry) => (entry.serverRecord.version > newest.serverRecord.version ? entry : newest),
    first,
  );
}

/**
 * A record's conflicts in the order their edits were made: by push, then by outbox order. The
 * device lays them over the server's record in this order, and a decision folds them in it.
 */
export function inEditOrder(entries: ConflictEntry[]): ConflictEntry[] {
  return [...entries].sort(
    (a, b) =>
      a.reportedAt - b.reportedAt ||
      (a.seq ?? 0) - (b.seq ?? 0) ||
      a.mutation.clientTime - b.mutation.clientTime,
  );
}

/** [R1] values typed that the server would refuse, kept as typed (see src/db/drafts.ts). */
export interface DraftRow {
  /** `${collection}:${recordId}` */
  record: string;
  fields: Record<string, unknown>;
  /** When it was last typed into (device clock). */
  updatedAt: number;
}

/**
 * One keystroke in the typing journal (src/db/typingJournal.ts): stored blindly the
 * moment it is typed, deleted once the editor's own write of it has committed.
 */
export interface TypingRow {
  /** The page that typed it; its rows are replayed only once that page is gone. */
  page: string;
  /** `${collection}:${recordId}` */
  record: string;
  /** The keystroke's number in that page (counted across all its editors). */
  n: number;
  /** When it was typed (device clock): orders keystrokes of different pages. */
  at: number;
  /** The fields it changed, with their whole values. */
  fields: Record<string, unknown>;
  /**
   * In the page's localStorage copy, which gathers several keystrokes: the number of the
   * keystroke that last typed each field.
   */
  fieldN?: Record<string, number>;
}

/**
 * How far a page's typing into one record is stored: written in the same transaction as the
 * editor's write, so the journal never replays keystrokes whose write committed (TypingRow).
 */
export interface TypingStoredRow {
  page: string;
  /** `${collection}:${recordId}` */
  record: string;
  /** Every keystroke of that page into that record up to this number is stored. */
  through: number;
}

export interface DeviceRow {
  key: 'device';
  /** [P9] a label for this device in pushes; it grants nothing. */
  clientId: string;
  /** [P9] the name the person gave this device (Settings), sent with pushes as a label. */
  name?: string;
}

export interface CursorRow {
  key: 'cursor';
  /** The server change counter this device has pulled up to (section L). */
  cursor: number;
}

/** Who is signed in on this device; the session itself is an HttpOnly cookie (A3). */
export interface AccountRow {
  key: 'account';
  userId: string;
  username: string;
}

/**
 * [flow 4] what the engine is doing, for the status line; pending and conflict counts are live
 * queries. `outdated`: the server answered 426, so this version of the app must update before
 * it can sync again (the outbox waits).
 */
export interface StatusRow {
  key: 'status';
  phase: 'idle' | 'syncing' | 'error' | 'signed-out' | 'outdated';
  lastSuccessAt: number | null;
  /** `transient`: worth retrying on a timer (network, 5xx, 429); other errors wait for a change. */
  lastError: { code: string; message: string; transient?: boolean } | null;
  nextRetryAt: number | null;
}

/**
 * [M3] the sent watermark: every outbox entry with `seq <= throughSeq` has been handed to the
 * transport at least once, so the server may have committed it and it is never changed again.
 * One row written per batch, instead of rewriting each entry to mark it in flight.
 */
export interface SentRow {
  key: 'sent';
  throughSeq: number;
}

/**
 * [P3, issue 13] a value this device showed was overruled by another device's write it had not
 * seen (latest-wins): the record says so until the person has seen it (src/db/replaced.ts).
 */
export interface ReplacedNotice {
  /** `${collection}:${recordId}` */
  recordKey: string;
  fields: string[];
  /** [P9] the name of the device whose write took the fields, when it sent one. */
  by?: string;
}

/** [V3] what the last check of this device against the server found (src/sync/verify.ts). */
export interface VerifiedRow {
  key: 'verified';
  at: number;
  /** Live records compared with the server's. */
  checked: number;
  /** Records with changes not yet sent: their ranges were left for a later check. */
  unsent: number;
  /** Records whose copy here was out of date and was replaced by the server's. */
  repaired: number;
  /** Records the server had lost (whole, or changes after its version): sent to it again. */
  resent: number;
  /** The ranges that differed, as `collection:range`. */
  ranges: string[];
}

export interface ReplacedRow {
  key: 'replaced';
  notices: ReplacedNotice[];
}

export type SyncStateRow =
  DeviceRow | CursorRow | AccountRow | StatusRow | SentRow | ReplacedRow | VerifiedRow;

export function recordKey(collection: string, recordId: string): string {
  return `${collection}:${recordId}`;
}
