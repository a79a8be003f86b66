import type { Mutation } from '../protocol/mutation.ts';
import type { ConflictEntry } from './types.ts';

/**
 * A conflict after a later mutation of the same record, from this device, was applied: what
 * that later mutation did is the person's newer intent, so it no longer waits for a decision.
 * - fields the later mutation set are dropped from the conflict (typed again since, and that
 *   value is now on the server);
 * - a later delete leaves nothing to decide: the person deleted the record after all;
 * - a later restore decides that the record lives: a refused delete becomes the put of what
 *   it carried.
 * Counter deltas and tag changes stay: they were not applied (M2) and never collide (R3).
 * Returns null when nothing is left to decide.
 */
export function supersede(conflict: ConflictEntry, later: Mutation): ConflictEntry | null {
  if (later.op === 'delete') return null;
  const replaced = new Set(Object.keys(later.set ?? {}));
  const { set, base, ...rest } = conflict.mutation;
  const keptSet = Object.entries(set ?? {}).filter(([field]) => !replaced.has(field));
  const op = later.op === 'restore' ? 'put' : rest.op;
  const mutation: Mutation = {
    ...rest,
    op,
    ...(base ? { base } : {}),
    ...(keptSet.length > 0 ? { set: Object.fromEntries(keptSet) } : {}),
  };
  const waits =
    op !== 'put' || Boolean(mutation.set ?? mutation.inc ?? mutation.add ?? mutation.remove);
  if (!waits) return null;
  const kept = new Set(keptSet.map(([field]) => field));
  const fields = conflict.fields.filter(
    (field) => !replaced.has(field) && (op !== 'put' || kept.has(field)),
  );
  return { ...conflict, mutation, fields };
}
