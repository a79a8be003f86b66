import { emptyFields, fieldNames, kindOf, type CollectionSpec } from '../model/collections.ts';
import type { AnyWireRecord } from '../protocol/records.ts';
import type { FieldValue } from '../protocol/mutation.ts';
import { foldEdit, sameValue, type ShownRecord } from './fold.ts';
import { rebase } from './rebase.ts';
import type { OutpostDatabase } from './schema.ts';
import { recordKey, type AnyStoredRecord } from './types.ts';

/**
 * [V3] A synced copy here at a higher version than the server's: the server lost the changes
 * after its version (a restore from an older backup). Taking the server's copy would lose them
 * everywhere, so they are sent again as one ordinary edit based on the server's copy: values
 * set, tags added and removed, counters moved, deleted or restored, exactly what differs.
 * Returns whether anything was queued. Call inside a transaction over the record's table and
 * the outbox.
 */
export async function sendNewerAgain(
  db: OutpostDatabase,
  spec: CollectionSpec,
  server: AnyWireRecord,
  here: AnyStoredRecord,
  time: number,
): Promise<boolean> {
  const shown = { ...emptyFields(spec), ...server } as ShownRecord & Record<string, FieldValue>;
  const mine = here as Record<string, unknown>;
  const set: Record<string, FieldValue> = {};
  const add: Record<string, string[]> = {};
  const remove: Record<string, string[]> = {};
  const inc: Record<string, number> = {};
  for (const field of fieldNames(spec)) {
    const theirs = shown[field];
    const value = mine[field] as FieldValue | undefined;
    if (value === undefined || sameValue(theirs, value)) continue;
    const kind = kindOf(spec, field);
    if (kind === 'set') {
      const before = (theirs as string[] | undefined) ?? [];
      const after = value as string[];
      const added = after.filter((tag) => !before.includes(tag));
      const removed = before.filter((tag) => !after.includes(tag));
      if (added.length > 0) add[field] = added;
      if (removed.length > 0) remove[field] = removed;
    } else if (kind === 'counter') {
      inc[field] = (value as number) - ((theirs as number | undefined) ?? 0);
    } else {
      set[field] = value;
    }
  }
  const folded = foldEdit(undefined, {
    spec,
    recordId: server.id,
    before: shown,
    deletedAfter: here.deletedAt !== null,
    set,
    add,
    remove,
    inc,
    clientTime: time,
    newMutationId: crypto.randomUUID(),
  });
  if (!folded) {
    await db.records(spec.name).put(rebase(spec, server, []));
    return false;
  }
  await db.outbox.add({
    recordKey: recordKey(spec.name, server.id),
    state: 'pending',
    queuedAt: time,
    attempts: 0,
    ...folded,
  });
  await db.records(spec.name).put(rebase(spec, server, [folded.mutation]));
  return true;
}
