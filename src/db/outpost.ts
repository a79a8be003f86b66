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
