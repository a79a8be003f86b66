import type { CollectionName } from '../protocol/records.ts';
import type { ConflictDecision } from '../conflicts/plan.ts';
import { readConflict, resolveConflict } from '../conflicts/resolve.ts';
import { createRepository, type RepositoryDeps } from './repository.ts';
import { OutpostDatabase } from './schema.ts';

/** The device's data: one database and a repository per collection, sharing one clock. */
export function openOutpost(options: Partial<RepositoryDeps> & { name?: string } = {}) {
  const db = options.db ?? new OutpostDatabase(options.name);
  const deps: RepositoryDeps = {
    db,
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    afterWrite: options.afterWrite ?? (() => {}),
  };
  return {
    db,
    lastWrites: createLastWrites(),
    notes: createRepository('notes', deps),
    contacts: createRepository('contacts', deps),
    /** Open conflicts (P3–P6): read one for the dialog, and carry out the person's decision. */
    conflicts: {
      read: <C extends CollectionName>(collection: C, recordId: string) =>
        readConflict(db, collection, recordId),
      resolve: (collection: CollectionName, recordId: string, decision: ConflictDecision) =>
        resolveConflict(deps, collection, recordId, decision),
    },
  };
}

export type Outpost = ReturnType<typeof openOutpost>;

/**
 * What screens of this database started as they went away (an editor's last write, dropping a
 * record left blank): the database is closed, or deleted, only once all of it has settled.
 */
function createLastWrites() {
  const running = new Set<Promise<unknown>>();
  return {
    track(work: Promise<unknown>): void {
      const settled = work.catch(() => undefined).finally(() => running.delete(settled));
      running.add(settled);
    },
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
