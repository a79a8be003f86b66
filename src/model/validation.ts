import { z } from 'zod';
import type { CollectionName, FieldsOf } from '../protocol/records.ts';

/**
 * [R1] What a valid record looks like. The repositories check every local write with these
 * schemas so the device never queues a mutation the server would reject (P7), and the forms
 * show the same messages the server would send.
 */
const tag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty')
  .max(50, 'A tag has at most 50 characters');

export const tagSetSchema = z
  .array(tag)
  .max(50, 'A record has at most 50 tags')
  .refine((tags) => new Set(tags).size === tags.length, 'Tags must be distinct');

const text = (max: number, label: string) =>
  z.string().max(max, `${label} has at most ${max.toLocaleString('en')} characters`);

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const FIELD_SCHEMAS = {
  notes: z.strictObject({
    title: text(500, 'A title'),
    body: text(100_000, 'A note'),
    pinned: z.boolean(),
    tags: tagSetSchema,
  }),
  contacts: z.strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'A contact needs a name')
      .max(200, 'A name has at most 200 characters'),
    email: z
      .string()
      .max(254, 'An email address has at most 254 characters')
      .refine(
        (email) => email === '' || EMAIL_PATTERN.test(email),
        'Enter an email address like name@example.com, or leave it empty',
      ),
    phone: text(50, 'A phone number'),
    company: text(200, 'A company name'),
    notes: text(10_000, 'Notes'),
    favorite: z.boolean(),
    tags: tagSetSchema,
    timesContacted: z.int(),
  }),
} as const;

export interface FieldProblem {
  field: string;
  message: string;
}

/** Every problem with `fields`, each with the field it belongs to; empty when valid. */
export function validateFields<C extends CollectionName>(
  collection: C,
  fields: Partial<FieldsOf[C]>,
): FieldProblem[] {
  const result = FIELD_SCHEMAS[collection].partial().safeParse(fields);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? String(issue.path[0]) : '',
    message: issue.message,
  }));
}

/** Raised by a repository when a write would break R1; the UI shows `problems` by field. */
export class ValidationError extends Error {
  readonly code = 'invalid_record';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
    this.name = 'ValidationError';
  }
}

export function assertValid<C extends CollectionName>(
  collection: C,
  fields: Partial<FieldsOf[C]>,
): void {
  const problems = validateFields(collection, fields);
  if (problems.length > 0) throw new ValidationError(problems);
}
