import {
  sql,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type Selectable,
  type Transaction,
} from 'kysely';
import type { StorageKind } from '../config.ts';
import type { Schema } from './schema.ts';

/**
 * Statements over many rows, shaped for each database.
 *
 * PostgreSQL parses and plans every statement node-postgres sends (it prepares none), and a
 * multi-row VALUES list of 100 rows of 10 columns is 1,000 parameters to encode, send, parse
 * and bind; `unnest` over one array per column is 10.
 *
 * SQLite runs in the process and keeps its prepared statements (statementCache.ts), and has
 * neither arrays nor `unnest`: plain VALUES and `in`.
 */

type BulkTable = 'records' | 'history' | 'mutation_results';

/**
 * The columns of the bulk tables stored as PostgreSQL `bigint` (times and versions); every
 * other column they have is `text` (see migrations.ts). `unnest` needs each array's type.
 */
const BIGINT_COLUMNS = new Set(['version', 'created_at', 'updated_at', 'deleted_at', 'at']);

/**
 * `insert into table` of these rows; every row must have the same columns. The caller may add
 * `onConflict` to the builder it gets back, and executes it.
 */
export function insertRows<T extends BulkTable>(
  tx: Transaction<Schema>,
  kind: StorageKind,
  table: T,
  rows: Insertable<Schema[T]>[],
): InsertQueryBuilder<Schema, T, InsertResult> {
  // Kysely types `values` per table; these rows are that table's Insertable already.
  if (kind !== 'postgres') return tx.insertInto(table).values(rows as never);
  const columns = Object.keys(rows[0] ?? {});
  const arrays = columns.map((column) => {
    const values = rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
    const type = BIGINT_COLUMNS.has(column) ? 'bigint' : 'text';
    return sql`${values}::${sql.raw(type)}[]`;
  });
  return tx
    .insertInto(table)
    .columns(columns as never) // names read off the table's own Insertable rows
    .expression(sql`select * from unnest(${sql.join(arrays)})`);
}

/**
 * The rows of `table` whose key is `fixed` (user, collection) and one of `ids`: the lookup of a
 * push, up to 100 keys at once.
 *
 * On PostgreSQL, `where user_id = $1 and id = any($2)` leaves the plan to the statistics, and a
 * user who just pushed thousands of records still has none (autovacuum analyzes only now and
 * then, and some servers run without it): the planner then expects one row for the user, scans
 * all the user's rows and filters them, so every push costs more as the account grows. Each key
 * looked up on its own (a lateral subquery that `offset 0` keeps from being flattened into a
 * join) is one descent of the primary key, whatever the statistics say.
 */
export async function selectByKeys<T extends 'records' | 'mutation_results'>(
  db: Kysely<Schema> | Transaction<Schema>,
  kind: StorageKind,
  table: T,
  fixed: Record<string, string>,
  idColumn: string,
  ids: string[],
): Promise<Selectable<Schema[T]>[]> {
  if (ids.length === 0) return [];
  const equal = Object.entries(fixed).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const query =
    kind === 'postgres'
      ? sql<Selectable<Schema[T]>>`select found.* from unnest(${ids}::text[]) as wanted(id)
          cross join lateral (select * from ${sql.table(table)}
            where ${sql.join([...equal, sql`${sql.ref(idColumn)} = wanted.id`], sql` and `)}
            offset 0) as found`
      : sql<Selectable<Schema[T]>>`select * from ${sql.table(table)}
          where ${sql.join(equal, sql` and `)} and ${sql.ref(idColumn)} in (${sql.join(ids)})`;
  return (await query.execute(db)).rows;
}
