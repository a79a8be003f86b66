import type { Insertable, Transaction } from 'kysely';
import { applyMutation, type ApplyOutcome } from '../../model/apply.ts';
import type { Collections } from '../../model/collections.ts';
import { MAX_MERGE_WORK, type MergeBudget } from '../../model/merge/text.ts';
import {
  annotationsOf,
  toWireRecord,
  type Replaced,
  type StoredServerRecord,
} from '../../model/stored.ts';
import type { Mutation } from '../../protocol/mutation.ts';
import type {
  ConflictStrategy,
  PushRequest,
  PushResponse,
  PushResult,
} from '../../protocol/sync.ts';
import type { StorageKind } from '../config.ts';
import { insertRows, selectByKeys } from '../storage/bulk.ts';
import type { Database } from '../storage/connect.ts';
import { loadRecords, recordKey, saveRecords } from '../storage/records.ts';
import type { HistoryTable, MutationResultsTable, Schema } from '../storage/schema.ts';
import { lockUser } from '../storage/userLock.ts';
import { TimeSlices } from './timeSlices.ts';

/**
 * [P10] The text-merge work one push may spend, in all: four of the costliest merges allowed,
 * about 100 ms here. A merge past it is a conflict, which a person settles; nothing is lost.
 */
export const PUSH_MERGE_WORK = 4 * MAX_MERGE_WORK;

/** [P10] How long a push works before it lets other requests run. */
export const PUSH_SLICE_MS = 10;

/**
 * POST /api/sync/push. The whole batch is one transaction (P8): it locks the user's row, so
 * pushes of one user commit one after another and versions become visible in order (L2);
 * reads everything it needs in three queries; decides every mutation with the pure
 * applyMutation (src/model, shared with the client's conflict dialog), in slices that let
 * other requests run between them [P10]; then writes records, history and results in bulk.
 * The answer is sent only after the commit.
 */
export async function push(
  database: Database,
  collections: Collections,
  userId: string,
  request: PushRequest,
  now: number,
  /** Begun by the route when the request arrived: checking the body counts as work too. */
  slices = new TimeSlices(PUSH_SLICE_MS),
): Promise<{ response: PushResponse; changed: boolean }> {
  return database.db.transaction().execute(async (tx) => {
    const user = await lockUser(tx, database.kind, userId);
    const batch = new PushBatch(collections, user.changeCounter, now, request);
    const ids = request.mutations.map((mutation) => mutation.id);
    batch.known = await storedResults(tx, database.kind, userId, ids);
    batch.records = await loadRecords(
      tx,
      database.kind,
      userId,
      request.mutations.map((m) => ({ collection: m.collection, id: m.recordId })),
    );

    const results: PushResult[] = [];
    for (const mutation of request.mutations) {
      await slices.pause();
      results.push(batch.process(mutation, user.strategy[mutation.collection] ?? 'ask'));
    }

    await saveRecords(tx, database.kind, userId, [...batch.changed.values()]);
    await insertAll(
      tx,
      database.kind,
      'history',
      batch.history.map((entry) => ({ ...entry, user_id: userId })),
    );
    await insertAll(
      tx,
      database.kind,
      'mutation_results',
      batch.newResults.map((entry) => ({ ...entry, user_id: userId })),
    );
    await tx
      .updateTable('users')
      .set({ change_counter: batch.counter })
      .where('id', '=', userId)
      .execute();
    return {
      response: { results, cursor: batch.counter },
      changed: batch.counter > user.changeCounter,
    };
  });
}

/** The in-memory state of one push: records as the batch changes them, in order (P2). */
class PushBatch {
  known = new Map<string, PushResult>();
  records = new Map<string, StoredServerRecord>();
  readonly changed = new Map<string, StoredServerRecord>();
  readonly history: Omit<Insertable<HistoryTable>, 'user_id'>[] = [];
  readonly newResults: Omit<MutationResultsTable, 'user_id'>[] = [];
  private readonly mergeBudget: MergeBudget = { left: PUSH_MERGE_WORK };

  constructor(
    private readonly collections: Collections,
    public counter: number,
    private readonly now: number,
    private readonly device: Pick<PushRequest, 'clientId' | 'deviceName'>,
  ) {}

  process(mutation: Mutation, strategy: ConflictStrategy): PushResult {
    // [P1] a mutation id seen before gets its first result again and changes nothing.
    const replayed = this.known.get(mutation.id);
    if (replayed) return replayed;
    const key = recordKey(mutation.collection, mutation.recordId);
    const current = this.records.get(key);
    const outcome = applyMutation({
      spec: this.collections.spec(mutation.collection),
      current,
      mutation,
      strategy,
      clientId: this.device.clientId,
      nextVersion: this.counter + 1,
      now: this.now,
      mergeBudget: this.mergeBudget,
    });
    if (outcome.status === 'applied' || outcome.status === 'merged') {
      this.take(key, mutation, outcome, current);
    }
    const result = resultOf(mutation, outcome, current, this.records.get(key));
    this.known.set(mutation.id, result);
    this.newResults.push({
      mutation_id: mutation.id,
      result: JSON.stringify(result),
      created_at: this.now,
    });
    return result;
  }

  /**
   * Keeps what an applied mutation left: a change takes the next version [R4] and a history
   * entry [H1]; a write that only moved a field's clock is stored at the same version (see
   * settle). Values that lost under latest-wins get a history entry either way, at the version
   * the record has after this mutation, so they can be found and restored [P3].
   */
  private take(
    key: string,
    mutation: Mutation,
    outcome: Extract<ApplyOutcome, { status: 'applied' | 'merged' }>,
    current: StoredServerRecord | undefined,
  ): void {
    if (outcome.changed) this.counter += 1;
    if (outcome.changed || outcome.record !== current) {
      // A change names its device; a write that only moved a clock keeps the last change's.
      const kept = outcome.changed ? this.annotated(mutation, outcome, current) : outcome.record;
      this.records.set(key, kept);
      this.changed.set(key, kept);
    }
    const lost = Object.keys(outcome.lost).length > 0;
    if (!outcome.changed && !lost) return;
    this.history.push({
      collection: mutation.collection,
      record_id: mutation.recordId,
      version: outcome.record.version,
      at: this.now,
      client_id: this.device.clientId,
      device_name: this.device.deviceName ?? null,
      op: mutation.op,
      previous: JSON.stringify(outcome.previous),
      lost: lost ? JSON.stringify(outcome.lost) : null,
    });
  }

  /**
   * The changed record with what goes beside it: [P9] this device's name, and [P3] which fields
   * now hold a value that overruled another device's write (kept until the field changes again).
   */
  private annotated(
    mutation: Mutation,
    outcome: Extract<ApplyOutcome, { status: 'applied' | 'merged' }>,
    current: StoredServerRecord | undefined,
  ): StoredServerRecord {
    const { changedBy: _previous, replaced: _earlier, ...record } = outcome.record;
    // A field this change wrote no longer holds the overruling value: its entry goes.
    const changed = new Set(Object.keys(outcome.previous));
    const replaced: Replaced = Object.fromEntries(
      Object.entries(current?.replaced ?? {}).filter(([field]) => !changed.has(field)),
    );
    // Overruled: what a latest-wins write took over unseen, and what a person's decision on a
    // conflict replaced (knowingly, but the other device's person did not choose it).
    const decided = (mutation.decided ?? []).filter((field) => changed.has(field));
    const overruling = [...new Set([...outcome.won, ...decided])];
    for (const field of overruling) {
      const overruled = current?.clocks[field]?.clientId;
      if (overruled !== undefined && overruled !== this.device.clientId) {
        replaced[field] = {
          clientId: overruled,
          version: outcome.record.version,
          ...(this.device.deviceName === undefined ? {} : { by: this.device.deviceName }),
        };
      }
    }
    const { deviceName } = this.device;
    return {
      ...record,
      ...(deviceName === undefined ? {} : { changedBy: deviceName }),
      ...(Object.keys(replaced).length > 0 ? { replaced } : {}),
    };
  }
}

/** `stored`: the record as the batch now holds it (after this mutation, if it applied). */
function resultOf(
  mutation: Mutation,
  outcome: ApplyOutcome,
  current: StoredServerRecord | undefined,
  stored: StoredServerRecord | undefined,
): PushResult {
  const id = mutation.id;
  switch (outcome.status) {
    case 'applied':
      return { id, status: 'applied', version: outcome.record.version };
    case 'merged':
      return {
        id,
        status: 'merged',
        version: outcome.record.version,
        record: toWireRecord(outcome.record),
        ...annotationsOf(stored ?? outcome.record),
        // This push's own values that a later write overruled: its device is told.
        ...(Object.keys(outcome.lost).length > 0 ? { lost: Object.keys(outcome.lost) } : {}),
      };
    case 'conflict':
      // A conflict always concerns a record the server holds (an absent one is created).
      return {
        id,
        status: 'conflict',
        reason: outcome.reason,
        fields: outcome.fields,
        record: toWireRecord(current!),
        ...annotationsOf(current!),
      };
    case 'rejected':
      return { id, status: 'rejected', error: outcome.error };
  }
}

async function storedResults(
  tx: Transaction<Schema>,
  kind: StorageKind,
  userId: string,
  ids: string[],
): Promise<Map<string, PushResult>> {
  const fixed = { user_id: userId };
  const rows = await selectByKeys(tx, kind, 'mutation_results', fixed, 'mutation_id', ids);
  return new Map(rows.map((row) => [row.mutation_id, JSON.parse(row.result) as PushResult]));
}

async function insertAll<T extends 'history' | 'mutation_results'>(
  tx: Transaction<Schema>,
  kind: StorageKind,
  table: T,
  rows: Insertable<Schema[T]>[],
): Promise<void> {
  if (rows.length > 0) await insertRows(tx, kind, table, rows).execute();
}
