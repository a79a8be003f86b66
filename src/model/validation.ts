import type { CollectionSpec, FieldSpec } from './collections.ts';

/**
 * [R1] What a valid record looks like: each field's check comes from its collection's
 * declaration. The repositories check every local write so the device never queues a mutation
 * the server would reject (P7), and the forms show the same messages the server will send.
 * Plain functions rather than a schema library: they run on every keystroke's save and on bulk
 * imports of thousands of records.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export { EMAIL_PATTERN } from './collections/fields.ts';

/** Every problem with the given fields, each naming its field; empty when all are valid. */
export function validateFields(spec: CollectionSpec, fields: object): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    // Own properties only: a field named `toString` must be unknown, not Object's method.
    const check = Object.hasOwn(spec.fields, field)
      ? (spec.fields[field] as FieldSpec).check
      : undefined;
    const message = check ? check(value) : `${field} is not a field of ${spec.name}`;
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

export function assertValid(spec: CollectionSpec, fields: object): void {
  const problems = validateFields(spec, fields);
  if (problems.length > 0) throw new ValidationError(problems);
}
