import { emptyFields, type CollectionSpec } from '../model/collections.ts';
import { validateFields, type FieldProblem } from '../model/validation.ts';
import type { OutpostDatabase } from './schema.ts';
import type { DraftRow } from './types.ts';

/**
 * Drafts: values a person typed that the server would refuse (R1), kept on the device exactly as
 * typed, never dropped and never pushed: an email still missing its domain, a contact's name
 * erased to be typed again. The record and its outbox keep the last valid value; the draft lies
 * over it in the form, marked, until the value is valid and goes to the record like any edit.
 * Drafts live only in this device's database (one per account), never on the wire.
 */

type Values = Record<string, unknown>;

/**
 * Sorts typed values into those the record can take now and those that wait as a draft. A
 * record that does not exist yet can only be created whole: while a field required at creation
 * is missing or invalid (a contact's name), everything typed waits.
 */
export function sortTyped(
  spec: CollectionSpec,
  typed: Values,
  creating: boolean,
): { valid: Values; invalid: Values; problems: FieldProblem[] } {
  const shown = creating ? { ...emptyFields(spec), ...typed } : typed;
  const problems = validateFields(spec, shown);
  const refused = new Set(problems.map((problem) => problem.field));
  const blocked = creating && [...refused].some((field) => requiredAtCreation(spec, field));
  const valid: Values = {};
  const invalid: Values = {};
  for (const [field, value] of Object.entries(typed)) {
    if (blocked || refused.has(field)) invalid[field] = value;
    else valid[field] = value;
  }
  return { valid, invalid, problems };
}

/** A field whose empty value R1 refuses (a contact's name): a record cannot be made without it. */
function requiredAtCreation(spec: CollectionSpec, field: string): boolean {
  const empty: Values = emptyFields(spec);
  return field in empty && validateFields(spec, { [field]: empty[field] }).length > 0;
}

/** The record's draft, if it has one. Call inside a transaction over `drafts`. */
export async function draftOf(db: OutpostDatabase, record: string): Promise<DraftRow | undefined> {
  return db.drafts.get(record);
}

/** Replaces the record's draft with these values; no values, no draft. */
export async function keepDraft(
  db: OutpostDatabase,
  record: string,
  fields: Values,
  time: number,
): Promise<void> {
  if (Object.keys(fields).length === 0) await db.drafts.delete(record);
  else await db.drafts.put({ record, fields, updatedAt: time });
}

/** What the person sees of a record: its fields with its draft laid over them. */
export function shownFields<F extends object>(
  spec: CollectionSpec,
  stored: Partial<F> | undefined,
  draft: DraftRow | undefined,
): F {
  return { ...emptyFields(spec), ...stored, ...draft?.fields } as F;
}
