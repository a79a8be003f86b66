import type { Outpost } from '../db/outpost.ts';
import type { RepositoryDeps } from '../db/repository.ts';
import { unsentEntryOf } from '../db/inFlight.ts';
import { inEditOrder, recordKey, type ConflictEntry } from '../db/types.ts';
import { storeServerRecord } from '../db/serverRecords.ts';
import { describeConflict, type ConflictView } from './describe.ts';
import { planResolution, type ConflictDecision } from './plan.ts';

/** Open conflicts (P3–P6) of one device's data: read one for the dialog, carry out a decision. */
export function outpostConflicts(outpost: Pick<Outpost, 'deps'>) {
  return {
    read: (collection: string, recordId: string) =>
      readConflict(outpost.deps.db, collection, recordId),
    resolve: (collection: string, recordId: string, decision: ConflictDecision) =>
      resolveConflict(outpost.deps, collection, recordId, decision),
  };
}

/** A record's open conflicts, described for the dialog; undefined once resolved (or never). */
export async function readConflict(
  db: RepositoryDeps['db'],
  collection: string,
  recordId: string,
): Promise<ConflictView | undefined> {
  const table = db.records(collection);
  return db.transaction('r', [table, db.conflicts], async () => {
    const entries = await conflictsOf(db, recordKey(collection, recordId));
    if (entries.length === 0) return undefined;
    return describeConflict(db.collections.spec(collection), entries, await table.get(recordId));
  });
}

/**
 * Carries out the person's decision in one transaction: the record's conflict entries and its
 * unsent outbox entry give way to one new outbox entry (see plan.ts), and the record is shown
 * as the server's version with what still waits on top. Returns false when there was nothing
 * to resolve (another tab already did).
 */
export async function resolveConflict(
  deps: RepositoryDeps,
  collection: string,
  recordId: string,
  decision: ConflictDecision,
): Promise<boolean> {
  const { db } = deps;
  const key = recordKey(collection, recordId);
  const table = db.records(collection);
  const resolved = await db.transaction(
    'rw',
    [table, db.outbox, db.conflicts, db.syncState],
    async () => {
      const entries = await conflictsOf(db, key);
      if (entries.length === 0) return false;
      const spec = db.collections.spec(collection);
      const view = describeConflict(spec, entries, await table.get(recordId));
      const unsent = await unsentEntryOf(db, key);
      const replaced = [...entries.map((entry) => entry.mutation)];
      if (unsent) replaced.push(unsent.mutation);
      const time = deps.now();
      const planned = planResolution(view, replaced, decision, {
        time,
        newMutationId: deps.newId(),
      });
      await db.conflicts.bulkDelete(entries.map((entry) => entry.mutationId));
      if (unsent?.seq !== undefined) await db.outbox.delete(unsent.seq);
      if (planned) {
        await db.outbox.add({
          recordKey: key,
          state: 'pending',
          queuedAt: time,
          attempts: 0,
          ...planned,
        });
      }
      await storeServerRecord(db, collection, view.theirs);
      // A decision is an edit made now: editors that ignore echoes of their own older saves
      // (useAutosave compares updatedAt) must take the decided values as news.
      if (planned) await table.update(recordId, { updatedAt: time });
      return true;
    },
  );
  if (resolved) deps.afterWrite();
  return resolved;
}

async function conflictsOf(db: RepositoryDeps['db'], key: string): Promise<ConflictEntry[]> {
  return inEditOrder(await db.conflicts.where('recordKey').equals(key).toArray());
}
