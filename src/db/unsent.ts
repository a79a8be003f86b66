import type { OutpostDatabase } from './schema.ts';

/**
 * How many records hold something only this device has: changes waiting for the server or
 * refused by it, open conflicts, and values typed that cannot sync yet (drafts). What removing
 * this database would lose. Read from the tables' keys only.
 */
export async function recordsWithUnsentChanges(db: OutpostDatabase): Promise<number> {
  const [outbox, conflicts, drafts] = await db.transaction(
    'r',
    db.outbox,
    db.conflicts,
    db.drafts,
    () =>
      Promise.all([
        db.outbox.orderBy('[recordKey+state]').keys(),
        db.conflicts.orderBy('recordKey').keys(),
        db.drafts.toCollection().primaryKeys(),
      ]),
  );
  const records = new Set([
    // An outbox index key is [recordKey, state].
    ...outbox.map((key) => String((key as unknown as [string, string])[0])),
    ...conflicts.map(String),
    ...drafts.map(String),
  ]);
  return records.size;
}
