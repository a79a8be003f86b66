import type { FieldValue, Mutation } from '../../protocol/mutation.ts';
import { kindOf, type CollectionSpec } from '../collections.ts';
import { sameValue } from '../merge/equal.ts';
import { incomingWins, type WriteClock } from '../merge/latest-wins.ts';
import { checkRegister } from '../merge/register.ts';
import { mergeText, type MergeBudget } from '../merge/text.ts';
import { validateFields } from '../validation.ts';
import type { ApplyInput, Draft, Values } from './types.ts';

export interface SetDecision {
  /** The value each `set` field gets: the device's, a merge, or (latest-wins) the winner's. */
  writes: Values;
  /** Fields that collided [P3]; under `ask` these make the mutation a conflict. */
  collisions: string[];
  /** The record ends up other than the device asked: it must be sent the result (merged). */
  merged: boolean;
  /**
   * [P3 latest-wins][H1] values this mutation set that lost to a later write: the record keeps
   * the winner's, and the history keeps these, so nothing is silently lost.
   */
  lost: Values;
}

/**
 * [P3] The three-way check of every `set` field against the record. Collisions are also
 * decided the latest-wins way; the caller drops those decisions when the strategy is `ask`.
 *
 * Texts merge line by line only under `ask`. Under `latest-wins` a text is decided whole, like
 * any field: a line merge followed by a later colliding write keeps or loses the merged-in
 * edit depending on arrival order, so with three writers the devices would not converge
 * (found by the convergence property, issue 13). Whole fields by their latest clock converge
 * in every order; every value that loses stays in the history (H1) and its device is told.
 */
export function decideSets(
  spec: CollectionSpec,
  draft: Draft,
  mutation: Mutation,
  clock: WriteClock,
  { strategy, mergeBudget }: Pick<ApplyInput, 'strategy' | 'mergeBudget'>,
): SetDecision {
  const decision: SetDecision = { writes: {}, collisions: [], merged: false, lost: {} };
  for (const [field, incoming] of Object.entries(mutation.set ?? {})) {
    const base =
      mutation.base && Object.hasOwn(mutation.base, field) ? mutation.base[field] : undefined;
    // The device left this field as it showed it: no edit, so nothing to check or record
    // (folding drops such values too [M3]). Recording it would let a stale no-op take the
    // field's clock and make latest-wins depend on arrival order.
    if (base !== undefined && sameValue(base, incoming)) continue;
    const current = draft.fields[field]!;
    const sides = { base, current, incoming };
    const clean = cleanValue(spec, field, sides, strategy === 'ask' ? mergeBudget : 'no-merge');
    if (clean !== undefined) {
      decision.writes[field] = clean;
      if (!sameValue(clean, incoming)) decision.merged = true;
      continue;
    }
    decision.collisions.push(field);
    // [P3 latest-wins] the later write takes the field; the result differs from one side.
    decision.merged = true;
    if (incomingWins(clock, draft.clocks[field])) decision.writes[field] = incoming;
    else decision.lost[field] = incoming;
  }
  return decision;
}

interface Sides {
  base: FieldValue | undefined;
  current: FieldValue;
  incoming: FieldValue;
}

/**
 * The field's value if it does not collide, else undefined. Texts are merged line by line
 * unless told 'no-merge', drawing on the push's budget when one is given.
 */
function cleanValue(
  spec: CollectionSpec,
  field: string,
  sides: Sides,
  lineMerge: MergeBudget | undefined | 'no-merge',
): FieldValue | undefined {
  const { base, current, incoming } = sides;
  if (checkRegister(base, current, incoming) === 'clean') return incoming;
  if (lineMerge === 'no-merge' || kindOf(spec, field) !== 'text') return undefined;
  if (typeof base !== 'string' || typeof current !== 'string' || typeof incoming !== 'string') {
    return undefined;
  }
  const merge = mergeText(base, current, incoming, lineMerge);
  if (!merge.clean) return undefined;
  // Two valid texts can merge into one too long for R1: then it is not a clean merge.
  const fits = validateFields(spec, { [field]: merge.value }).length === 0;
  return fits ? merge.value : undefined;
}

/**
 * Writes the decided values and records, for later latest-wins decisions [P3], the later of the
 * field's clock and this write's. Keeping the later one (not simply this write's) is what makes
 * the outcome independent of arrival order: a write of the value the field already holds, or a
 * clean write by a device with a slower clock, must not let a write older than the field's
 * newest one win afterwards.
 */
export function writeSets(draft: Draft, writes: Values, clock: WriteClock): void {
  for (const [field, value] of Object.entries(writes)) {
    draft.fields[field] = value;
    const existing = draft.clocks[field];
    draft.clocks[field] = incomingWins(clock, existing) || !existing ? { ...clock } : existing;
  }
}
