import type { Mutation } from '../protocol/mutation.ts';
import type { AnyWireRecord } from '../protocol/records.ts';
import { emptyFields, type CollectionSpec } from '../model/collections.ts';
import type { AnyStoredRecord } from './types.ts';

/**
 * The record as this device should show it: the server's state with the device's own
 * not-yet-acknowledged mutations laid on top, in order. Sets replace, counters add, tags are
 * added and removed, and the op decides whether the record is deleted.
 */
export function rebase(
  spec: CollectionSpec,
  server: AnyWireRecord,
  mutations: Mutation[],
): AnyStoredRecord {
  // A field declared after the server stored the record reads as its empty value (the server
  // does the same: model/apply.ts), so an edit of it has a base like any other.
  const record: AnyWireRecord = { ...emptyFields(spec), ...server };
  for (const mutation of mutations) {
    Object.assign(record, mutation.set);
    for (const [field, delta] of Object.entries(mutation.inc ?? {})) {
      record[field] = ((record[field] as number | undefined) ?? 0) + delta;
    }
    for (const [field, tags] of Object.entries(mutation.remove ?? {})) {
      record[field] = ((record[field] as string[] | undefined) ?? []).filter(
        (tag) => !tags.includes(tag),
      );
    }
    for (const [field, tags] of Object.entries(mutation.add ?? {})) {
      const current = (record[field] as string[] | undefined) ?? [];
      record[field] = [...current, ...tags.filter((tag) => !current.includes(tag))];
    }
    if (mutation.op === 'delete') record.deletedAt = record.deletedAt ?? mutation.clientTime;
    else if (mutation.op === 'restore') record.deletedAt = null;
  }
  return { ...record, pending: mutations.length > 0 ? 1 : 0 };
}
