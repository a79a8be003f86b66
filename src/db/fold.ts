import type { FieldValue, Mutation, MutationOp } from '../protocol/mutation.ts';
import { settableFields, type CollectionSpec } from '../model/collections.ts';
import { sameValue } from '../model/merge/equal.ts';

// The repositories import sameValue from here; it lives in src/model so the server shares it.
export { sameValue };

type Values = Record<string, FieldValue>;

/** A record's fields and metadata as the device showed them. */
export interface ShownRecord {
  version: number;
  deletedAt: number | null;
  readonly [field: string]: unknown;
}

/** One local edit, as a repository describes it before it reaches the outbox. */
export interface LocalEdit {
  /** The declaration of the record's collection. */
  spec: CollectionSpec;
  recordId: string;
  /** The record as the device showed it just before this edit; undefined for a creation. */
  before: ShownRecord | undefined;
  /** Whether the record is deleted after this edit. */
  deletedAfter: boolean;
  set?: Values;
  inc?: Record<string, number>;
  add?: Record<string, string[]>;
  remove?: Record<string, string[]>;
  clientTime: number;
  /** The id to give the mutation if this edit starts a new one. */
  newMutationId: string;
}

/** A mutation not yet sent, with what folding needs to know about it. */
export interface PendingMutation {
  mutation: Mutation;
  baseDeleted: boolean;
}

/**
 * [M3] Folds a local edit into the record's unsent mutation (or starts one), so a device keeps
 * at most one unsent mutation per record. Later values win; the earliest base is kept, so the
 * server's three-way check (P3) compares against what the device showed before its first
 * unsent edit. Returns null when the edits cancel out (typed and then undone, +1 then −1):
 * there is then nothing to send.
 *
 * A creation is the one mutation without `base` (nothing was shown before it); every other
 * mutation carries `base`, possibly empty.
 */
export function foldEdit(
  pending: PendingMutation | undefined,
  edit: LocalEdit,
): PendingMutation | null {
  const previous = pending?.mutation;
  const creating = previous ? previous.base === undefined : edit.before === undefined;
  const baseDeleted = pending ? pending.baseDeleted : edit.before?.deletedAt != null;
  const shownBefore = (edit.before ?? {}) as Values;

  let base: Values | undefined = creating ? undefined : { ...previous?.base };
  const set: Values = { ...previous?.set };
  for (const [field, value] of Object.entries(edit.set ?? {})) {
    if (base && !(field in base) && field in shownBefore) base[field] = shownBefore[field]!;
    set[field] = value;
  }

  const op = opFor(baseDeleted, edit.deletedAfter);
  if (base) base = settleBase(edit.spec, op, base, set, shownBefore);

  const mutation: Mutation = {
    id: previous?.id ?? edit.newMutationId,
    collection: edit.spec.name,
    recordId: edit.recordId,
    op,
    baseVersion: previous?.baseVersion ?? edit.before?.version ?? 0,
    ...(base ? { base } : {}),
    ...nonEmpty('set', set),
    ...nonEmpty('inc', sumCounters(previous?.inc, edit.inc)),
    ...foldSets(previous, edit),
    clientTime: edit.clientTime,
    // An edit folded into a decision keeps the fields decided; its own are ordinary edits.
    ...(previous?.decided ? { decided: previous.decided } : {}),
  };
  return changesNothing(mutation, creating, baseDeleted) ? null : { mutation, baseDeleted };
}

/** The op follows from the record's deleted state at the base and after the latest edit. */
function opFor(baseDeleted: boolean, deletedAfter: boolean): MutationOp {
  if (deletedAfter) return 'delete';
  return baseDeleted ? 'restore' : 'put';
}

/**
 * A set value equal to its base changes nothing and is dropped with its base. A delete's base
 * lists every register and text field (P5 compares them all); other ops list only `set`'s.
 */
function settleBase(
  spec: CollectionSpec,
  op: MutationOp,
  base: Values,
  set: Values,
  shownBefore: Values,
): Values {
  for (const [field, value] of Object.entries(set)) {
    if (field in base && sameValue(base[field], value)) Reflect.deleteProperty(set, field);
  }
  if (op !== 'delete') {
    return Object.fromEntries(Object.keys(set).map((field) => [field, base[field]!]));
  }
  const full: Values = {};
  for (const field of settableFields(spec)) {
    const value = field in base ? base[field] : shownBefore[field];
    if (value !== undefined) full[field] = value;
  }
  return full;
}

function sumCounters(
  earlier: Record<string, number> | undefined,
  later: Record<string, number> | undefined,
): Record<string, number> {
  const sum: Record<string, number> = { ...earlier };
  for (const [field, delta] of Object.entries(later ?? {})) sum[field] = (sum[field] ?? 0) + delta;
  // Deltas that cancel out (+1 then −1) leave nothing to send.
  return Object.fromEntries(Object.entries(sum).filter(([, total]) => total !== 0));
}

/**
 * Set elements fold so the server sees the net intent. Adding back an element whose removal is
 * unsent cancels the removal and still sends the add (so a concurrent remove elsewhere does not
 * win: R3, add wins). Removing an element whose add is unsent cancels the add and sends no
 * remove: the server never saw this device add it, so there is nothing of ours to remove.
 */
function foldSets(
  previous: Mutation | undefined,
  edit: LocalEdit,
): { add?: Record<string, string[]>; remove?: Record<string, string[]> } {
  const fields = new Set([
    ...Object.keys(previous?.add ?? {}),
    ...Object.keys(previous?.remove ?? {}),
    ...Object.keys(edit.add ?? {}),
    ...Object.keys(edit.remove ?? {}),
  ]);
  const add: Record<string, string[]> = {};
  const remove: Record<string, string[]> = {};
  for (const field of fields) {
    const adding = new Set(previous?.add?.[field]);
    const removing = new Set(previous?.remove?.[field]);
    for (const element of edit.add?.[field] ?? []) {
      removing.delete(element);
      adding.add(element);
    }
    for (const element of edit.remove?.[field] ?? []) {
      if (adding.has(element)) adding.delete(element);
      else removing.add(element);
    }
    if (adding.size > 0) add[field] = [...adding];
    if (removing.size > 0) remove[field] = [...removing];
  }
  return { ...nonEmpty('add', add), ...nonEmpty('remove', remove) };
}

function changesNothing(mutation: Mutation, creating: boolean, baseDeleted: boolean): boolean {
  const carriesChanges = Boolean(mutation.set ?? mutation.inc ?? mutation.add ?? mutation.remove);
  if (carriesChanges || creating) return false;
  // A put with no changes, or the delete of a record that was already deleted at the base.
  return mutation.op === 'put' || (mutation.op === 'delete' && baseDeleted);
}

function nonEmpty<K extends string, V extends object>(key: K, value: V): { [P in K]?: V } {
  return Object.keys(value).length > 0 ? ({ [key]: value } as { [P in K]: V }) : {};
}
