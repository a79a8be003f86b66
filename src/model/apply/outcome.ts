import { fieldNames, type CollectionSpec } from '../collections.ts';
import { sameValue } from '../merge/equal.ts';
import type { PreviousValues, StoredServerRecord } from '../stored.ts';
import {
  fieldsOf,
  type ApplyOutcome,
  type ConflictReason,
  type Draft,
  type Values,
} from './types.ts';

/** [P7] Every rejection of a mutation carries this code; the message names each field. */
export const INVALID_MUTATION = 'invalid_mutation';

export function rejected(problems: readonly string[]): ApplyOutcome {
  return { status: 'rejected', error: { code: INVALID_MUTATION, message: problems.join('; ') } };
}

/** [M2] A conflict applies nothing. Fields are listed in the collection's own order. */
export function conflict(
  spec: CollectionSpec,
  reason: ConflictReason,
  fields: Iterable<string>,
): ApplyOutcome {
  const named = new Set(fields);
  return {
    status: 'conflict',
    reason,
    fields: fieldNames(spec).filter((field) => named.has(field)),
  };
}

export interface Settle {
  spec: CollectionSpec;
  status: 'applied' | 'merged';
  nextVersion: number;
  now: number;
  lost: Values;
  won: string[];
}

/**
 * Turns a finished draft into the outcome. A change that alters nothing (values already equal,
 * deletion state the same, no add recorded) leaves the record as it was, version included, so
 * a pull does not send it again [R4].
 */
export function settle(current: StoredServerRecord, draft: Draft, how: Settle): ApplyOutcome {
  const previous = previousValues(how.spec, current, draft);
  const changed = Object.keys(previous).length > 0 || !sameAdds(current.setAdds, draft.setAdds);
  if (!changed) {
    // Only a field's write clock may have moved (a write of the value it already held): the
    // record is kept at its version, with the newer clock for later latest-wins decisions.
    const record = sameClocks(current.clocks, draft.clocks)
      ? current
      : { ...current, clocks: draft.clocks };
    return { status: how.status, record, previous: {}, lost: how.lost, won: [], changed: false };
  }
  const record: StoredServerRecord = {
    ...current,
    fields: fieldsOf(draft),
    setAdds: draft.setAdds,
    clocks: draft.clocks,
    deletedAt: draft.deletedAt,
    updatedAt: how.now,
    version: how.nextVersion,
  };
  return { status: how.status, record, previous, lost: how.lost, won: how.won, changed: true };
}

/** [H1] The value of every field the change altered, and `deletedAt` if it (un)deleted. */
function previousValues(
  spec: CollectionSpec,
  current: StoredServerRecord,
  draft: Draft,
): PreviousValues {
  const before = current.fields as unknown as Record<string, PreviousValues[string]>;
  const previous: PreviousValues = {};
  for (const field of fieldNames(spec)) {
    const value = before[field];
    const after = draft.fields[field];
    if (value !== null && value !== undefined && !sameValue(value, after)) previous[field] = value;
  }
  if ((current.deletedAt === null) !== (draft.deletedAt === null)) {
    previous['deletedAt'] = current.deletedAt;
  }
  return previous;
}

/** Whether two records' OR-set add versions are the same (an add always records a new one). */
function sameAdds(
  before: StoredServerRecord['setAdds'],
  after: StoredServerRecord['setAdds'],
): boolean {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of fields) {
    const [first, second] = [before[field] ?? {}, after[field] ?? {}];
    const elements = Object.keys(first);
    if (elements.length !== Object.keys(second).length) return false;
    if (elements.some((element) => !Object.hasOwn(second, element))) return false;
    if (elements.some((element) => first[element] !== second[element])) return false;
  }
  return true;
}

function sameClocks(
  before: StoredServerRecord['clocks'],
  after: StoredServerRecord['clocks'],
): boolean {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].every(
    (field) =>
      before[field]?.clientTime === after[field]?.clientTime &&
      before[field]?.clientId === after[field]?.clientId,
  );
}
