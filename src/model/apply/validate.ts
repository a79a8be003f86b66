import type { Mutation } from '../../protocol/mutation.ts';
import { kindOf, type CollectionSpec, type FieldKind } from '../collections.ts';
import type { StoredServerRecord } from '../stored.ts';
import { validateFields } from '../validation.ts';
import type { Draft } from './types.ts';

type Part = 'base' | 'set' | 'inc' | 'add' | 'remove';

/** Which field kinds each part of a mutation may name (R3, section M). */
const PART_KINDS: Record<Part, readonly FieldKind[]> = {
  base: ['register', 'text'],
  set: ['register', 'text'],
  inc: ['counter'],
  add: ['set'],
  remove: ['set'],
};

const HOW_TO_CHANGE: Record<FieldKind, string> = {
  register: 'with set',
  text: 'with set',
  counter: 'only with inc',
  set: 'only with add and remove',
};

/**
 * [P7] What is wrong with a mutation on its own, before any record is looked at: unknown
 * fields, a part used on the wrong kind of field, `set` values that break R1. Each problem names
 * its part and field; empty when there is none.
 */
export function mutationProblems(
  spec: CollectionSpec,
  mutation: Mutation,
  current: StoredServerRecord | undefined,
): string[] {
  const { collection } = mutation;
  if (current && current.collection !== collection) {
    return [`recordId: record ${mutation.recordId} is in ${current.collection}, not ${collection}`];
  }
  const problems: string[] = [];
  for (const part of Object.keys(PART_KINDS) as Part[]) {
    for (const field of Object.keys(mutation[part] ?? {})) {
      const kind = kindOf(spec, field);
      if (!kind) problems.push(`${part}.${field}: ${field} is not a field of ${collection}`);
      else if (!PART_KINDS[part].includes(kind)) {
        problems.push(`${part}.${field}: ${field} is a ${kind}, changed ${HOW_TO_CHANGE[kind]}`);
      }
    }
  }
  if (problems.length > 0) return problems;
  return validateFields(spec, mutation.set ?? {}).map(
    ({ field, message }) => `set.${field}: ${message}`,
  );
}

/**
 * [P7][R1] What is wrong with the record a mutation would leave: counters and tag sets after
 * the change (over 50 tags), merged texts, and a whole record that comes to life (created or
 * restored) so a contact cannot appear without a name.
 */
export function resultProblems(
  spec: CollectionSpec,
  draft: Draft,
  fields: readonly string[] | 'all',
): string[] {
  const checked = fields === 'all' ? Object.keys(draft.fields) : fields;
  const values = Object.fromEntries(checked.map((field) => [field, draft.fields[field]]));
  return validateFields(spec, values).map(({ field, message }) => `${field}: ${message}`);
}
