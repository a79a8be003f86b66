import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { CollectionSpec, Collections } from '../model/collections.ts';

/**
 * The list index: what lets a list read only the rows it shows. Lists show live records, those
 * `listedFirst` (pinned, favorite) ahead of the rest, newest first within each group. IndexedDB
 * cannot index a boolean, and a tombstone must not take a place in the list, so every record
 * carries `listGroup`, a number the device derives and never syncs: 1 for a live record listed
 * first, 0 for any other live record, and no value at all for a tombstone, which IndexedDB then
 * leaves out of the index. Read in reverse, `[listGroup+updatedAt]` is the list, in order: a
 * window of it is an offset and a limit, its length is a count.
 */
export const LIST_INDEX = '[listGroup+updatedAt]';
export type ListGroup = 0 | 1;

/** The record as it is stored: with its list group, or without one when it is a tombstone. */
export function withListGroup<R extends object>(spec: CollectionSpec, record: R): R {
  const fields = record as Record<string, unknown>;
  if (typeof fields.deletedAt === 'number') {
    if (!('listGroup' in fields)) return record;
    const { listGroup: _dropped, ...tombstone } = fields;
    return tombstone as R;
  }
  const first = spec.listedFirst !== undefined && fields[spec.listedFirst] === true;
  return { ...record, listGroup: first ? 1 : 0 };
}

/**
 * Sets `listGroup` on every record written to a collection's table, whoever writes it (an
 * edit, a pull, a resolved conflict, the service worker): one place, so the index can never
 * disagree with the records. It sits above Dexie's own layers (level 10 by default), so live
 * queries learn of the index keys it adds.
 */
export function listIndexMiddleware(collections: Collections): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'listIndex',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const spec = collections.specs.find((candidate) => candidate.name === name);
        return spec ? grouping(table, spec) : table;
      },
    }),
  };
}

function grouping(table: DBCoreTable, spec: CollectionSpec): DBCoreTable {
  return {
    ...table,
    mutate: (request: DBCoreMutateRequest) =>
      table.mutate(
        request.type === 'add' || request.type === 'put'
          ? {
              ...request,
              values: request.values.map((value: object) => withListGroup(spec, value)),
            }
          : request,
      ),
  };
}
