import type { FieldValue } from '../protocol/mutation.ts';
import type { AnyWireRecord } from '../protocol/records.ts';
import {
  inEditOrder,
  newestServerEntry,
  type AnyStoredRecord,
  type ConflictEntry,
} from '../db/types.ts';
import { fieldLabel, kindOf, type CollectionSpec, type FieldKind } from '../model/collections.ts';
import { sameValue } from '../model/merge/equal.ts';
import { lineEndingOf, type LineEnding } from '../model/merge/lines.ts';
import { textParts, type TextPart } from './textParts.ts';

/**
 * What the person decides about a record, read from the two states rather than from the
 * reasons the server gave: several pushes of one record may each have collided (an edit made
 * after a conflict collides again), and the server may have moved on since.
 * - `edit`: both sides changed the same fields (P3);
 * - `deleted`: the server deleted the record this device changed (P4, P6);
 * - `delete-edited`: this device deleted a record another device changed (P5).
 */
export type ConflictKind = 'edit' | 'deleted' | 'delete-edited';

/** One colliding field, side by side: what the device showed before editing, and both sides. */
export interface FieldConflict {
  field: string;
  /** What the screens call the field (its collection's declaration). */
  label: string;
  kind: Extract<FieldKind, 'register' | 'text'>;
  /** Undefined when the device had not seen the field (it never showed a value for it). */
  base: FieldValue | undefined;
  mine: FieldValue;
  theirs: FieldValue;
  /**
   * Text fields only: the text as parts both sides agree on and parts they changed, each with
   * the base's, my and their lines (textParts.ts), and the line ending the result is written with.
   */
  parts?: TextPart[];
  lineEnding?: LineEnding;
}

export interface ConflictView {
  /** The declaration of the record's collection: its fields' kinds, labels and checks. */
  spec: CollectionSpec;
  collection: string;
  recordId: string;
  kind: ConflictKind;
  /** The record as this device shows it: its own version, kept until the person decides. */
  mine: AnyWireRecord;
  /** The newest server state this device knows of (refreshed by every pull). */
  theirs: AnyWireRecord;
  /** [P9] the name of the device that made `theirs`, when it sent one. */
  theirsBy?: string;
  fields: FieldConflict[];
  /**
   * The earliest value this device recorded as shown for each field, across its conflicting
   * mutations: for a delete that is every register and text field as it was when deleted.
   */
  base: Record<string, FieldValue>;
}

/**
 * Describes a record's open conflicts for the dialog. `entries` are the record's conflict
 * entries (at least one); `local` the record as stored on the device.
 */
export function describeConflict(
  spec: CollectionSpec,
  entries: ConflictEntry[],
  local: AnyStoredRecord | undefined,
): ConflictView {
  const newest = newestServerEntry(entries);
  const theirs = newest.serverRecord;
  const mine = local ? withoutMarker(local) : theirs;
  const kind = conflictKind(mine, theirs);
  return {
    spec,
    collection: spec.name,
    recordId: theirs.id,
    kind,
    mine,
    theirs,
    ...(newest.changedBy === undefined ? {} : { theirsBy: newest.changedBy }),
    fields: kind === 'edit' ? collidingFields(spec, entries, mine, theirs) : [],
    base: earliestBase(entries),
  };
}

function earliestBase(entries: ConflictEntry[]): Record<string, FieldValue> {
  const base: Record<string, FieldValue> = {};
  for (const entry of inEditOrder(entries)) {
    for (const [field, value] of Object.entries(entry.mutation.base ?? {})) {
      if (!(field in base)) base[field] = value;
    }
  }
  return base;
}

function conflictKind(mine: AnyWireRecord, theirs: AnyWireRecord): ConflictKind {
  if (theirs.deletedAt !== null && mine.deletedAt === null) return 'deleted';
  if (mine.deletedAt !== null && theirs.deletedAt === null) return 'delete-edited';
  return 'edit';
}

/**
 * The fields the server reported colliding that still differ between the two sides (a later
 * pull may have brought the same value), with the earliest base this device recorded for each:
 * what it showed before its first unacknowledged edit of the field.
 */
function collidingFields(
  spec: CollectionSpec,
  entries: ConflictEntry[],
  mine: AnyWireRecord,
  theirs: AnyWireRecord,
): FieldConflict[] {
  const mineValues: Record<string, FieldValue | null> = mine;
  const theirValues: Record<string, FieldValue | null> = theirs;
  const names = new Set(entries.flatMap((entry) => entry.fields));
  const base = earliestBase(entries);
  const fields: FieldConflict[] = [];
  for (const field of names) {
    const kind = kindOf(spec, field);
    if (kind !== 'register' && kind !== 'text') continue;
    const [mineValue, theirValue] = [mineValues[field], theirValues[field]];
    if (mineValue === undefined || theirValue === undefined) continue;
    if (mineValue === null || theirValue === null) continue;
    if (sameValue(mineValue, theirValue)) continue;
    fields.push({
      field,
      label: fieldLabel(spec, field),
      kind,
      base: base[field],
      mine: mineValue,
      theirs: theirValue,
      ...(kind === 'text'
        ? textOf(String(base[field] ?? ''), String(mineValue), String(theirValue))
        : {}),
    });
  }
  return fields;
}

function textOf(
  base: string,
  mine: string,
  theirs: string,
): Pick<FieldConflict, 'parts' | 'lineEnding'> {
  return { parts: textParts(base, mine, theirs), lineEnding: lineEndingOf(theirs, mine, base) };
}

function withoutMarker(record: AnyStoredRecord): AnyWireRecord {
  const { pending: _pending, ...wire } = record;
  return wire as AnyWireRecord;
}
