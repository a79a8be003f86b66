import type { CollectionName, FieldsOf } from '../protocol/records.ts';

/**
 * [R1] What a valid record looks like. The repositories check every local write with these
 * rules so the device never queues a mutation the server would reject (P7), and the forms show
 * the same messages the server will send. Plain functions rather than a schema library: they
 * run on every keystroke's save and on bulk imports of thousands of records.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

type Check = (value: unknown) => string | null;

const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 50;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function text(max: number, label: string, { required = false } = {}): Check {
  return (value) => {
    if (typeof value !== 'string') return `${label} must be text`;
    if (required && value.trim() === '') return `${label} is required`;
    if (value.length > max) return `${label} has at most ${max.toLocaleString('en')} characters`;
    return null;
  };
}

const flag =
  (label: string): Check =>
  (value) =>
    typeof value === 'boolean' ? null : `${label} must be true or false`;

const count: Check = (value) =>
  Number.isSafeInteger(value) ? null : 'A counter must be a whole number';

const email: Check = (value) => {
  const problem = text(254, 'An email address')(value);
  if (problem) return problem;
  return value === '' || EMAIL_PATTERN.test(value as string)
    ? null
    : 'Enter an email address like name@example.com, or leave it empty';
};

export const checkTags: Check = (value) => {
  if (!Array.isArray(value)) return 'Tags must be a list';
  if (value.length > MAX_TAGS) return `A record has at most ${MAX_TAGS} tags`;
  for (const tag of value) {
    if (typeof tag !== 'string' || tag.trim() === '') return 'A tag cannot be empty';
    if (tag.length > MAX_TAG_LENGTH) return `A tag has at most ${MAX_TAG_LENGTH} characters`;
  }
  return new Set(value).size === value.length ? null : 'Tags must be distinct';
};

const CHECKS: { readonly [C in CollectionName]: Record<keyof FieldsOf[C], Check> } = {
  notes: {
    title: text(500, 'A title'),
    body: text(100_000, 'A note'),
    pinned: flag('Pinned'),
    tags: checkTags,
  },
  contacts: {
    name: (value) =>
      typeof value === 'string' && value.trim() === ''
        ? 'A contact needs a name'
        : text(200, 'A name')(value),
    email,
    phone: text(50, 'A phone number'),
    company: text(200, 'A company name'),
    notes: text(10_000, 'Notes'),
    favorite: flag('Favorite'),
    tags: checkTags,
    timesContacted: count,
  },
};

/** Every problem with the given fields, each naming its field; empty when all are valid. */
export function validateFields<C extends CollectionName>(
  collection: C,
  fields: Partial<FieldsOf[C]>,
): FieldProblem[] {
  const checks = CHECKS[collection] as Record<string, Check>;
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    // Own properties only: a field named `toString` must be unknown, not Object's method.
    const check = Object.hasOwn(checks, field) ? checks[field] : undefined;
    const message = check ? check(value) : `${field} is not a field of ${collection}`;
    if (message) problems.push({ field, message });
  }
  return problems;
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
