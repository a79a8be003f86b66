import type { ConflictStrategy } from '../../../src/protocol/limits.ts';
import type { FieldValue, Mutation } from '../../../src/protocol/mutation.ts';
import type { AnyWireRecord, HistoryEntry } from '../../../src/protocol/sync.ts';
import { appCollections, fieldNames, kindOf } from '../../../src/model/collections.ts';
import { sameValue } from '../../../src/model/merge/equal.ts';
import { mergeText } from '../../../src/model/merge/text.ts';

/** A record's fields and `deletedAt` at one version, rebuilt from history (H1). */
export type State = Record<string, FieldValue | number | null>;

/**
 * [H1] The record as it was right after the change with the greatest version ≤ `version`:
 * the final record with the `previous` values of every later change put back, newest first.
 * Undefined before the record's creation (its oldest history entry).
 */
export function stateAt(
  final: AnyWireRecord,
  history: HistoryEntry[],
  version: number,
): State | undefined {
  const oldest = Math.min(...history.map((entry) => entry.version));
  if (history.length > 0 && version < oldest) return undefined;
  const state: State = { ...(final as unknown as State) };
  const newestFirst = [...history].sort((a, b) => b.version - a.version);
  for (const entry of newestFirst) {
    if (entry.version > version) Object.assign(state, entry.previous);
  }
  return state;
}

/** The fields and `deletedAt` of a state or record, for comparisons. */
export function content(collection: string, record: State | AnyWireRecord): State {
  const values = record as unknown as State;
  const out: State = { deletedAt: values['deletedAt'] ?? null };
  for (const field of fieldNames(appCollections.spec(collection)))
    out[field] = values[field] as FieldValue;
  return out;
}

/**
 * [P3] The three-way check of one `set` field against the server's value, as the contract
 * words it: clean if the server still has `base` or already has the new value, or (text fields,
 * under `ask` only) if the line merge has no overlapping change. Under `latest-wins` a text is
 * decided whole (src/model/apply/sets.ts). Returns the value the field ends with, or `collides`.
 */
export function checkField(
  collection: string,
  field: string,
  mutation: Mutation,
  current: FieldValue,
  strategy: ConflictStrategy,
): { clean: true; value: FieldValue } | { clean: false } {
  const incoming = mutation.set![field]!;
  const base = mutation.base?.[field];
  if (sameValue(current, incoming)) return { clean: true, value: incoming };
  if (base !== undefined && sameValue(current, base)) return { clean: true, value: incoming };
  const kind = kindOf(appCollections.spec(collection), field);
  const mergesLines = strategy === 'ask' && kind === 'text';
  if (mergesLines && typeof base === 'string' && typeof current === 'string') {
    const merge = mergeText(base, current, incoming as string);
    if (merge.clean) return { clean: true, value: merge.value };
  }
  return { clean: false };
}

/** The fields of `set` that collide with `current` ([P3]). */
export function collisions(
  collection: string,
  mutation: Mutation,
  current: State,
  strategy: ConflictStrategy,
): string[] {
  return Object.keys(mutation.set ?? {}).filter(
    (field) =>
      !checkField(collection, field, mutation, current[field] as FieldValue, strategy).clean,
  );
}

/** [P5] The register and text fields a delete's `base` shows differently from `current`. */
export function editedSinceBase(mutation: Mutation, current: State): string[] {
  return Object.entries(mutation.base ?? {})
    .filter(([field, shown]) => !sameValue(shown, current[field] as FieldValue))
    .map(([field]) => field);
}

/** Field lists compare as sets, in the collection's own order. */
export function inOrder(collection: string, fields: Iterable<string>): string[] {
  const named = new Set(fields);
  return fieldNames(appCollections.spec(collection)).filter((field) => named.has(field));
}
