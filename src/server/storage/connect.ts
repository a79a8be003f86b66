import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { StorageKind } from '../config.ts';
import { migrateToLatest } from './migrations.ts';
import { withStatementCache } from './statementCache.ts';
import type { Schema } from './schema.ts';

export interface Database {
  kind: StorageKind;
  db: Kysely<Schema>;
  /** PostgreSQL's pool, for LISTEN/NOTIFY (E1 across instances); undefined on SQLite. */
  pool: pg.Pool | undefined;
  close: () => Promise<void>;
}

// int8 columns (versions, ms timestamps) come back from pg as strings; every value stored
// here stays below 2^53, so numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export const SQLITE_FILE = 'outpost.sqlite';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: {
  kind: StorageKind;
  databaseUrl?: string;
  dataDir: string;
}): Promise<Database> {
  const database =
    options.kind === 'postgres'
      ? openPostgres(options.databaseUrl ?? '')
      : openSqlite(options.dataDir);
  try {
    await migrateToLatest(database.db as Kysely<unknown>, database.kind);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openSqlite(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(path.join(dataDir, SQLITE_FILE));
  // WAL: readers never block the writer, and a crash mid-transaction leaves the last commit.
  file.pragma('journal_mode = WAL');
  // [P8] FULL: a commit is on disk before the push is answered.
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const database = withStatementCache(file);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  return { kind: 'sqlite', db, pool: undefined, close: () => db.destroy() };
}

function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  // Kysely's destroy() ends the pool.
  return { kind: 'postgres', db, pool, close: () => db.destroy() };
}
