import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CollectionName, FieldsOf } from '../../model/collections.ts';
import type { Replaced, StoredServerRecord } from '../../model/stored.ts';
import type { StorageKind } from '../config.ts';
import { rangeBounds } from '../../protocol/digest.ts';
import { insertRows, selectByKeys } from './bulk.ts';
import type { RecordsTable, Schema } from './schema.ts';

type Db = Kysely<Schema> | Transaction<Schema>;
type RecordRow = Selectable<RecordsTable>;

export function recordKey(collection: string, id: string): string {
  return `${collection}:${id}`;
}

export function fromRow(row: RecordRow): StoredServerRecord {
  return {
    collection: row.collection as CollectionName,
    id: row.id,
    fields: JSON.parse(row.fields) as FieldsOf[CollectionName],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    setAdds: JSON.parse(row.set_adds) as StoredServerRecord['setAdds'],
    clocks: JSON.parse(row.clocks) as StoredServerRecord['clocks'],
    ...(row.changed_by === null ? {} : { changedBy: row.changed_by }),
    ...(row.replaced === null ? {} : { replaced: JSON.parse(row.replaced) as Replaced }),
  };
}

function toRow(userId: string, record: StoredServerRecord): RecordRow {
  return {
    user_id: userId,
    collection: record.collection,
    id: record.id,
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    deleted_at: record.deletedAt,
    fields: JSON.stringify(record.fields),
    set_adds: JSON.stringify(record.setAdds),
    clocks: JSON.stringify(record.clocks),
    changed_by: record.changedBy ?? null,
    replaced: record.replaced ? JSON.stringify(record.replaced) : null,
  };
}

/** The user's records of these collections and ids, keyed by recordKey: one query per collection. */
export async function loadRecords(
  db: Db,
  kind: StorageKind,
  userId: string,
  wanted: { collection: string; id: string }[],
): Promise<Map<string, StoredServerRecord>> {
  const found = new Map<string, StoredServerRecord>();
  const idsByCollection = new Map<string, Set<string>>();
  for (const { collection, id } of wanted) {
    idsByCollection.set(collection, (idsByCollection.get(collection) ?? new Set()).add(id));
  }
  // One query per collection, naming the whole primary key (user, collection, id): each id is
  // an index lookup. Without the collection the database walks every record of the user, and
  // a push grew slower with the size of the account.
  for (const [collection, ids] of idsByCollection) {
    const fixed = { user_id: userId, collection };
    for (const row of await selectByKeys(db, kind, 'records', fixed, 'id', [...ids])) {
      found.set(recordKey(row.collection, row.id), fromRow(row));
    }
  }
  return found;
}

/** Inserts or replaces records (A5: always under the pushing user's id). */
export async function saveRecords(
  tx: Transaction<Schema>,
  kind: StorageKind,
  userId: string,
  records: StoredServerRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((record) => toRow(userId, record));
  await insertRows(tx, kind, 'records', rows)
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'collection', 'id']).doUpdateSet((excluded) => ({
        version: excluded.ref('excluded.version'),
        updated_at: excluded.ref('excluded.updated_at'),
        deleted_at: excluded.ref('excluded.deleted_at'),
        fields: excluded.ref('excluded.fields'),
        set_adds: excluded.ref('excluded.set_adds'),
        clocks: excluded.ref('excluded.clocks'),
        changed_by: excluded.ref('excluded.changed_by'),
        replaced: excluded.ref('excluded.replaced'),
      })),
    )
    .execute();
}

/** [L1] the user's records changed after `cursor`, in version order, at most `limit`. */
export async function recordsAfter(
  db: Db,
  userId: string,
  cursor: number,
  limit: number,
): Promise<StoredServerRecord[]> {
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('user_id', '=', userId)
    .where('version', '>', cursor)
    .orderBy('version')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

/**
 * [V1] The version and liveness of every record of the user, and how far tombstones were purged
 * (L4), in one statement: one snapshot on both backends, so the digest and the cursor it is
 * answered with describe the same moment.
 */
export async function recordVersions(db: Db, userId: string) {
  const rows = await db
    .selectFrom('users')
    .leftJoin('records', 'records.user_id', 'users.id')
    .select([
      'users.purged_through',
      'records.collection',
      'records.id',
      'records.version',
      'records.deleted_at',
    ])
    .where('users.id', '=', userId)
    .execute();
  const purgedThrough = Number(rows[0]?.purged_through ?? 0);
  const records = rows.flatMap(({ collection, id, version, deleted_at }) =>
    collection === null || id === null || version === null
      ? []
      : [{ collection, id, version: Number(version), deleted_at }],
  );
  return { rows: records, purgedThrough };
}

/**
 * [V2] The user's records of a collection whose id starts with `range` (deleted ones included),
 * after `after` in id order, at most `limit`. The bounds name the primary key's prefix, so this
 * is a range scan of the index whatever the database's collation.
 */
export async function recordsInRange(
  db: Db,
  userId: string,
  query: { collection: string; range: string; after?: string; limit: number },
): Promise<StoredServerRecord[]> {
  const { from, before } = rangeBounds(query.range);
  const rows = await db
    .selectFrom('records')
    .selectAll()
    .where('user_id', '=', userId)
    .where('collection', '=', query.collection)
    .where('id', '>=', from)
    .$if(before !== null, (select) => select.where('id', '<', before!))
    .$if(query.after !== undefined, (select) => select.where('id', '>', query.after!))
    .orderBy('id')
    .limit(query.limit)
    .execute();
  return rows.map(fromRow);
}
