import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StorageKind } from '../config.ts';

/**
 * Schema migrations, run at every start on either backend. Append new ones; never edit a
 * released one. Kysely records what ran in its own table, under a lock, so several server
 * instances starting at once on one PostgreSQL do not race (S3).
 */
function migrations(kind: StorageKind): Record<string, Migration> {
  // A key that grows by itself: SQLite's INTEGER PRIMARY KEY, PostgreSQL's identity column.
  const autoKey =
    kind === 'postgres'
      ? sql`bigint generated always as identity primary key`
      : sql`integer primary key autoincrement`;
  return {
    '0001-sync': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('username', 'text', (column) => column.notNull().unique())
          .addColumn('password_hash', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('change_counter', 'bigint', (column) => column.notNull().defaultTo(0))
          .addColumn('purged_through', 'bigint', (column) => column.notNull().defaultTo(0))
          .addColumn('conflict_strategy', 'text', (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (column) => column.primaryKey())
          .addColumn('user_id', 'text', (column) =>
            column.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('records')
          .addColumn('user_id', 'text', (column) =>
            column.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('collection', 'text', (column) => column.notNull())
          .addColumn('id', 'text', (column) => column.notNull())
          .addColumn('version', 'bigint', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addColumn('updated_at', 'bigint', (column) => column.notNull())
          .addColumn('deleted_at', 'bigint')
          .addColumn('fields', 'text', (column) => column.notNull())
          .addColumn('set_adds', 'text', (column) => column.notNull())
          .addColumn('clocks', 'text', (column) => column.notNull())
          // [A5] records are keyed by (user, collection, id).
          .addPrimaryKeyConstraint('records_pk', ['user_id', 'collection', 'id'])
          .execute();
        // [L1] pulls read a user's records in version order.
        await db.schema
          .createIndex('records_by_version')
          .on('records')
          .columns(['user_id', 'version'])
          .execute();
        await db.schema
          .createTable('mutation_results')
          .addColumn('user_id', 'text', (column) =>
            column.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('mutation_id', 'text', (column) => column.notNull())
          .addColumn('result', 'text', (column) => column.notNull())
          .addColumn('created_at', 'bigint', (column) => column.notNull())
          .addPrimaryKeyConstraint('mutation_results_pk', ['user_id', 'mutation_id'])
          .execute();
        await db.schema
          .createTable('history')
          .addColumn('seq', autoKey)
          .addColumn('user_id', 'text', (column) =>
            column.notNull().references('users.id').onDelete('cascade'),
          )
          .addColumn('collection', 'text', (column) => column.notNull())
          .addColumn('record_id', 'text', (column) => column.notNull())
          .addColumn('version', 'bigint', (column) => column.notNull())
          .addColumn('at', 'bigint', (column) => column.notNull())
          .addColumn('client_id', 'text', (column) => column.notNull())
          .addColumn('op', 'text', (column) => column.notNull())
          .addColumn('previous', 'text', (column) => column.notNull())
          .execute();
        await db.schema
          .createIndex('history_by_record')
          .on('history')
          .columns(['user_id', 'collection', 'record_id', 'version'])
          .execute();
      },
    },
    // [P3][H1] a write that loses under latest-wins is kept in the history, not dropped.
    '0002-history-lost': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('history').addColumn('lost', 'text').execute();
      },
    },
    // [P9] device names, labels shown to the person's other devices (issue 13).
    '0003-device-names': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('records').addColumn('changed_by', 'text').execute();
        await db.schema.alterTable('history').addColumn('device_name', 'text').execute();
      },
    },
    // [P3] which fields overruled another device's write, so that device is told (issue 13).
    '0004-replaced-fields': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('records').addColumn('replaced', 'text').execute();
      },
    },
    // [A6] sessions that expire, and that a person can see and end one by one (issue 14).
    '0005-session-lifetimes': {
      async up(db: Kysely<unknown>) {
        const sessions = db.schema.alterTable('sessions');
        await sessions.addColumn('id', 'text').execute();
        await sessions.addColumn('last_seen_at', 'bigint').execute();
        await sessions.addColumn('device_name', 'text').execute();
        await sessions.addColumn('user_agent', 'text').execute();
        // Sessions from before get an id of their own; their last use is unknown, so it counts
        // from now: none ends as idle merely because the server was upgraded.
        const raw = db as Kysely<{ sessions: { token_hash: string; id: string | null } }>;
        for (const { token_hash } of await raw
          .selectFrom('sessions')
          .select('token_hash')
          .execute()) {
          await raw
            .updateTable('sessions')
            .set({ id: randomUUID() })
            .where('token_hash', '=', token_hash)
            .execute();
        }
        await sql`UPDATE sessions SET last_seen_at = ${Date.now()}`.execute(db);
        await db.schema
          .createIndex('sessions_by_id')
          .on('sessions')
          .column('id')
          .unique()
          .execute();
        await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
      },
    },
    // [T3] rate limits counted in the database, shared by every instance on it (issue 14).
    '0006-rate-limits': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('rate_limits')
          .addColumn('bucket', 'text', (column) => column.notNull())
          .addColumn('key', 'text', (column) => column.notNull())
          .addColumn('window_start', 'bigint', (column) => column.notNull())
          .addColumn('count', 'integer', (column) => column.notNull())
          .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'key'])
          .execute();
      },
    },
  };
}

/**
 * Kysely runs migrations in a transaction only where it deems DDL transactional, which is not
 * SQLite. There each migration runs in a transaction of its own, so one cut short (a crash, a
 * kill) leaves nothing half done for the next start to trip over ("duplicate column").
 */
function atomic(kind: StorageKind, all: Record<string, Migration>): Record<string, Migration> {
  if (kind !== 'sqlite') return all;
  return Object.fromEntries(
    Object.entries(all).map(([name, migration]) => [
      name,
      { up: (db: Kysely<unknown>) => db.transaction().execute((tx) => migration.up(tx)) },
    ]),
  );
}

/** The migrations as Kysely's Migrator takes them (tests migrate to a named one). */
export function migrationProvider(kind: StorageKind): MigrationProvider {
  return { getMigrations: async () => atomic(kind, migrations(kind)) };
}

export async function migrateToLatest(db: Kysely<unknown>, kind: StorageKind): Promise<void> {
  const provider = migrationProvider(kind);
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
