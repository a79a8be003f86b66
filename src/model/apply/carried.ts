import type { Mutation } from '../../protocol/mutation.ts';
import { incrementCounter } from '../merge/counter.ts';
import { addElements, removeElements } from '../merge/orset.ts';
import type { Draft } from './types.ts';

/**
 * [R3][P6] Applies a mutation's counter deltas and set adds/removes, which never collide.
 * Returns the problems (a counter leaving the safe integers); the draft is then discarded.
 */
export function writeCarried(draft: Draft, mutation: Mutation, nextVersion: number): string[] {
  const problems: string[] = [];
  for (const [field, delta] of Object.entries(mutation.inc ?? {})) {
    const result = incrementCounter(draft.fields[field] as number, delta);
    if (result.ok) draft.fields[field] = result.value;
    else problems.push(`inc.${field}: ${result.message}`);
  }
  for (const field of setFieldsOf(mutation)) writeSetField(draft, field, mutation, nextVersion);
  return problems;
}

/**
 * Removes first, then adds: an element a mutation both removes and adds ends present, as an
 * add wins over a remove [R3]. A remove observed the record at the mutation's baseVersion;
 * adds are recorded at the version this change takes.
 */
function writeSetField(draft: Draft, field: string, mutation: Mutation, nextVersion: number): void {
  const start = { elements: draft.fields[field] as string[], adds: draft.setAdds[field] ?? {} };
  const removed = removeElements(start, mutation.remove?.[field] ?? [], mutation.baseVersion);
  const added = addElements(removed, mutation.add?.[field] ?? [], nextVersion);
  draft.fields[field] = added.elements;
  draft.setAdds[field] = added.adds;
}

/** The set fields a mutation adds to or removes from, each once. */
export function setFieldsOf(mutation: Mutation): string[] {
  return [...new Set([...Object.keys(mutation.add ?? {}), ...Object.keys(mutation.remove ?? {})])];
}

/** Every field the mutation's inc, add and remove touch: their results are validated. */
export function carriedFieldsOf(mutation: Mutation): string[] {
  return [...Object.keys(mutation.inc ?? {}), ...setFieldsOf(mutation)];
}
