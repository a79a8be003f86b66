import type { Mutation } from '../protocol/mutation.ts';
import { emptyFields, type CollectionSpec } from './collections.ts';
import { sameValue } from './merge/equal.ts';
import type { WriteClock } from './merge/latest-wins.ts';
import type { StoredServerRecord } from './stored.ts';
import { carriedFieldsOf, writeCarried } from './apply/carried.ts';
import { conflict, rejected, settle } from './apply/outcome.ts';
import { decideSets, writeSets, type SetDecision } from './apply/sets.ts';
import {
  draftOf,
  fieldsOf,
  type ApplyInput,
  type ApplyOutcome,
  type Draft,
} from './apply/types.ts';
import { mutationProblems, resultProblems } from './apply/validate.ts';

export type { ApplyInput, ApplyOutcome, ConflictReason, ConflictStrategy } from './apply/types.ts';
export { INVALID_MUTATION } from './apply/outcome.ts';

/**
 * The push decision for one mutation (PROTOCOL.md P3–P7, M1, M2, R3, R4), as a pure function:
 * the server loads the record, calls this, and stores what it returns. It never changes its
 * input. Order: the mutation is checked on its own first [P7], then against the record
 * (conflicts [P3–P6]), then the record it would leave is checked again [R1].
 */
export function applyMutation(input: ApplyInput): ApplyOutcome {
  const { spec, mutation } = input;
  const current = input.current && withDeclaredFields(spec, input.current);
  const problems = mutationProblems(spec, mutation, current);
  if (problems.length > 0) return rejected(problems);
  if (!current) return create(input);
  // [P4][P6] only a restore (or a delete) may touch a deleted record.
  if (mutation.op === 'put' && current.deletedAt !== null) {
    return conflict(spec, 'deleted', []);
  }
  return change(input, current);
}

/**
 * A field declared after the record was stored reads as its empty value, as it does on the
 * devices (db/pulled.ts): adding a field to a collection needs no migration of stored records.
 */
function withDeclaredFields(spec: CollectionSpec, record: StoredServerRecord): StoredServerRecord {
  const missing = Object.keys(spec.fields).some((field) => !Object.hasOwn(record.fields, field));
  return missing ? { ...record, fields: { ...emptyFields(spec), ...record.fields } } : record;
}

/**
 * [M1] A put or restore of an absent record creates it; a delete creates a tombstone holding
 * what the device had typed before deleting (a never-synced record), so a restore finds it.
 */
function create(input: ApplyInput): ApplyOutcome {
  const { spec, mutation, now, nextVersion } = input;
  const draft: Draft = {
    fields: emptyFields(spec),
    setAdds: {},
    clocks: {},
    deletedAt: mutation.op === 'delete' ? now : null,
  };
  writeSets(draft, mutation.set ?? {}, clockOf(input));
  const problems = [
    ...writeCarried(draft, mutation, nextVersion),
    // A live record must be whole (a contact needs its name); a tombstone need not be.
    ...resultProblems(spec, draft, draft.deletedAt === null ? 'all' : touched(mutation)),
  ];
  if (problems.length > 0) return rejected(problems);
  const record: StoredServerRecord = {
    collection: mutation.collection,
    id: mutation.recordId,
    fields: fieldsOf(draft),
    createdAt: now,
    updatedAt: now,
    deletedAt: draft.deletedAt,
    version: nextVersion,
    setAdds: draft.setAdds,
    clocks: draft.clocks,
  };
  return { status: 'applied', record, previous: {}, lost: {}, won: [], changed: true };
}

function change(input: ApplyInput, current: StoredServerRecord): ApplyOutcome {
  const { spec, mutation, now, nextVersion } = input;
  const draft = draftOf(current);
  const decision = decideSets(spec, draft, mutation, clockOf(input), input);
  const blocked = conflictOf(input, current, decision);
  if (blocked) return blocked;

  writeSets(draft, decision.writes, clockOf(input));
  draft.deletedAt = deletedAtAfter(mutation, current.deletedAt, now);
  const revived = current.deletedAt !== null && draft.deletedAt === null;
  const problems = [
    ...writeCarried(draft, mutation, nextVersion),
    ...resultProblems(
      spec,
      draft,
      revived ? 'all' : [...Object.keys(decision.writes), ...carriedFieldsOf(mutation)],
    ),
  ];
  if (problems.length > 0) return rejected(problems);
  return settle(current, draft, {
    spec,
    status: decision.merged ? 'merged' : 'applied',
    nextVersion,
    now,
    lost: decision.lost,
    won: decision.collisions.filter((field) => Object.hasOwn(decision.writes, field)),
  });
}

/**
 * [P5] A delete conflicts when any register or text field changed since the device showed it
 * (its `base`), whatever the strategy: deleting over someone's edit is never decided by clock.
 * [P3][M2] Otherwise, with `ask`, any colliding field makes the whole mutation a conflict.
 */
function conflictOf(
  input: ApplyInput,
  current: StoredServerRecord,
  decision: SetDecision,
): ApplyOutcome | null {
  const { spec, mutation, strategy } = input;
  if (mutation.op === 'delete') {
    const fields = [...editedSinceBase(mutation, current), ...decision.collisions];
    return fields.length > 0 ? conflict(spec, 'delete-edited', fields) : null;
  }
  if (strategy === 'ask' && decision.collisions.length > 0) {
    return conflict(spec, 'edit', decision.collisions);
  }
  return null;
}

function editedSinceBase(mutation: Mutation, current: StoredServerRecord): string[] {
  const fields = current.fields;
  return Object.entries(mutation.base ?? {})
    .filter(([field, shown]) => !sameValue(shown, fields[field]))
    .map(([field]) => field);
}

/** A delete keeps an earlier deletion's time; a restore undeletes; a put changes nothing. */
function deletedAtAfter(mutation: Mutation, deletedAt: number | null, now: number): number | null {
  if (mutation.op === 'restore') return null;
  if (mutation.op === 'delete') return deletedAt ?? now;
  return deletedAt;
}

function clockOf(input: ApplyInput): WriteClock {
  return { clientTime: input.mutation.clientTime, clientId: input.clientId };
}

/** The fields a mutation writes: their resulting values are checked against R1. */
function touched(mutation: Mutation): string[] {
  return [...Object.keys(mutation.set ?? {}), ...carriedFieldsOf(mutation)];
}
