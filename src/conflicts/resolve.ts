import type { Outpost } from '../db/outpost.ts';
import { readRecordConflicts, settleRecordConflicts } from '../db/conflicts.ts';
import type { RepositoryDeps } from '../db/repository.ts';
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
  const found = await readRecordConflicts(db, collection, recordId);
  return found && describeConflict(db.collections.spec(collection), found.entries, found.local);
}

/**
 * Carries out the person's decision: the record's conflict entries and its unsent outbox entry
 * give way to one new outbox entry (see plan.ts), in one transaction of the store. Returns false
 * when there was nothing to resolve (another tab already did).
 */
export async function resolveConflict(
  deps: RepositoryDeps,
  collection: string,
  recordId: string,
  decision: ConflictDecision,
): Promise<boolean> {
  const { db } = deps;
  const time = deps.now();
  const newMutationId = deps.newId();
  const resolved = await settleRecordConflicts(
    db,
    collection,
    recordId,
    time,
    ({ entries, local, unsent }) => {
      const view = describeConflict(db.collections.spec(collection), entries, local);
      const replaced = entries.map((entry) => entry.mutation);
      if (unsent) replaced.push(unsent.mutation);
      const planned = planResolution(view, replaced, decision, { time, newMutationId });
      return { planned, theirs: view.theirs };
    },
  );
  if (resolved) deps.afterWrite();
  return resolved;
}
