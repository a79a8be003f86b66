import type { FieldValue, Mutation } from '../protocol/mutation.ts';
import { foldEdit, type LocalEdit, type PendingMutation, type ShownRecord } from '../db/fold.ts';
import type { ConflictView } from './describe.ts';

/**
 * The person's decision on a record's conflict:
 * - `mine`: for `edit`, my value of every colliding field; for `deleted`, restore the record
 *   with my changes; for `delete-edited`, delete it anyway;
 * - `theirs`: for `edit`, the other device's value of every colliding field (my changes to
 *   other fields still go through); for `deleted`, discard my changes; for `delete-edited`,
 *   keep the edited record;
 * - `merge` (`edit` only): the value chosen or written for each colliding field.
 */
export type ConflictDecision =
  { kind: 'mine' } | { kind: 'theirs' } | { kind: 'merge'; values: Record<string, FieldValue> };

export interface ResolutionClock {
  time: number;
  newMutationId: string;
}

/**
 * The one mutation that carries out a decision, or null when nothing of this device's is left
 * to send (my changes discarded, or the sides already agree).
 *
 * It is an ordinary mutation based on the server's version (`baseVersion` and `base` from
 * `theirs`), so if yet another device changed the record meanwhile, the push collides again
 * and the person is asked again (P3): a resolution never overwrites what it has not seen.
 * `mutations` are the device's unacknowledged changes of the record that the resolution
 * replaces: the conflicting ones and the unsent one queued after them (M3). Their counter
 * deltas and tag changes never collide (R3) and were not applied (M2), so they go out again.
 */
export function planResolution(
  view: ConflictView,
  mutations: Mutation[],
  decision: ConflictDecision,
  clock: ResolutionClock,
): PendingMutation | null {
  const discardsMine = decision.kind === 'theirs' && view.kind !== 'edit';
  if (discardsMine) return null;
  // Mine decides whether the record lives: restored for `deleted`, deleted for
  // `delete-edited`, and for `edit` as both sides already agree (both deleted, say: my delete
  // collided with an edit the other device then deleted too).
  const deletedAfter = view.mine.deletedAt !== null;
  const edit = (parts: Partial<LocalEdit>): LocalEdit => ({
    spec: view.spec,
    recordId: view.recordId,
    before: view.theirs as unknown as ShownRecord,
    deletedAfter,
    clientTime: clock.time,
    newMutationId: clock.newMutationId,
    ...parts,
  });
  let pending: PendingMutation | undefined;
  for (const mutation of mutations) {
    const { inc, add, remove } = mutation;
    pending = foldEdit(pending, edit({ inc, add, remove })) ?? undefined;
  }
  const set = chosenValues(view, mutations, decision);
  const planned = foldEdit(pending, edit({ set }));
  // The fields the person decided: devices whose values they replace are told (issue 13).
  const decided = view.fields.map((field) => field.field);
  if (!planned || decided.length === 0) return planned;
  return { ...planned, mutation: { ...planned.mutation, decided } };
}

/**
 * The register and text values the record ends with: for colliding fields the decision; for
 * every other field one of my mutations set, my value (it did not collide). Values equal to
 * the server's are dropped by foldEdit, so they are not sent.
 */
function chosenValues(
  view: ConflictView,
  mutations: Mutation[],
  decision: ConflictDecision,
): Record<string, FieldValue> {
  const mine = view.mine as unknown as Record<string, FieldValue>;
  const set: Record<string, FieldValue> = {};
  for (const mutation of mutations) {
    for (const field of Object.keys(mutation.set ?? {})) {
      if (mine[field] !== undefined) set[field] = mine[field];
    }
  }
  for (const conflict of view.fields) {
    set[conflict.field] = valueFor(conflict.field, conflict.mine, conflict.theirs, decision);
  }
  return set;
}

function valueFor(
  field: string,
  mine: FieldValue,
  theirs: FieldValue,
  decision: ConflictDecision,
): FieldValue {
  if (decision.kind === 'mine') return mine;
  if (decision.kind === 'theirs') return theirs;
  return decision.values[field] ?? mine;
}
