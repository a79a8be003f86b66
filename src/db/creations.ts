import { kindOf, settableFields, type CollectionSpec } from '../model/collections.ts';
import type { Fields } from '../model/collections/define.ts';
import type { FieldValue } from '../protocol/mutation.ts';
import { foldEdit } from './fold.ts';
import { recordKey, type OutboxEntry, type StoredRecordOf } from './types.ts';

/**
 * What creating a record writes: the record and its outbox entry. Apart from the repository
 * (which the page uses) so that the engine, which also runs in the service worker, can queue a
 * record again (db/verifyRanges.ts) without the editor's typing journal.
 */

/** What one edit does: the record after it, and the mutation parts it adds to the outbox. */
export interface EditPlan<F extends Fields> {
  next: StoredRecordOf<F>;
  set?: Record<string, FieldValue>;
  inc?: Record<string, number>;
  add?: Record<string, string[]>;
  remove?: Record<string, string[]>;
}

/** A creation: registers and texts as `set`, tags as `add` and counters as `inc` (P7). */
export function creationPlan<F extends Fields>(
  spec: CollectionSpec<F>,
  id: string,
  fields: F,
  time: number,
): EditPlan<F> {
  const values: Fields = fields;
  const set: Record<string, FieldValue> = {};
  for (const field of settableFields(spec)) set[field] = values[field]!;
  const add: Record<string, string[]> = {};
  const inc: Record<string, number> = {};
  for (const field of Object.keys(spec.fields)) {
    const kind = kindOf(spec, field);
    const value = values[field];
    if (kind === 'set' && Array.isArray(value) && value.length > 0) add[field] = value;
    if (kind === 'counter' && typeof value === 'number' && value !== 0) inc[field] = value;
  }
  const meta = {
    id,
    createdAt: time,
    updatedAt: time,
    deletedAt: null,
    version: 0,
    pending: 1 as const,
  };
  return { next: { ...fields, ...meta }, set, add, inc };
}

/** A valid record's creation as stored: the record, and its outbox entry (M3: one per record). */
export function plannedCreation<F extends Fields>(
  spec: CollectionSpec<F>,
  id: string,
  fields: F,
  time: number,
  newId: () => string,
): { record: StoredRecordOf<F>; entry: OutboxEntry } {
  const plan = creationPlan(spec, id, fields, time);
  const folded = foldEdit(undefined, {
    ...plan,
    spec,
    recordId: id,
    before: undefined,
    deletedAfter: false,
    clientTime: time,
    newMutationId: newId(),
  });
  const entry: OutboxEntry = {
    recordKey: recordKey(spec.name, id),
    state: 'pending',
    queuedAt: time,
    attempts: 0,
    // A creation always has something to send: foldEdit returns nothing only for no change.
    ...folded!,
  };
  return { record: plan.next, entry };
}
