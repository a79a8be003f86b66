import { specOf, type Collections } from '../model/collections.ts';
import { createRepository, type RepositoryDeps } from './repository.ts';
import { OutpostDatabase } from './schema.ts';

/**
 * The device's data: one database and a repository per app collection, sharing one clock. A
 * collection the app does not know by type (a test's own) gets its repository from
 * `createRepository(spec, outpost.deps)` on a database opened with it in `collections`.
 */
export function openOutpost(
  options: Partial<RepositoryDeps> & { name?: string; collections?: Collections } = {},
) {
  const db = options.db ?? new OutpostDatabase(options.name, { collections: options.collections });
  const deps: RepositoryDeps = {
    db,
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    afterWrite: options.afterWrite ?? (() => {}),
  };
  return {
    db,
    lastWrites: createLastWrites(),
    notes: createRepository(specOf('notes'), deps),
    contacts: createRepository(specOf('contacts'), deps),
    /** The clock, ids and write hook the repositories share: other writers use the same. */
    deps,
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
