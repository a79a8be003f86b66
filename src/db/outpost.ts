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
  };
}

export type Outpost = ReturnType<typeof openOutpost>;
