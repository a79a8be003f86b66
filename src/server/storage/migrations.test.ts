import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrationProvider } from './migrations.ts';
import type { Schema } from './schema.ts';

describe('[A6] migration 0005 on a database that has sessions', () => {
  it('[A6] gives each existing session an id and counts its last use from the upgrade', async () => {
    const db = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
    });
    try {
      const migrator = new Migrator({
        db: db as Kysely<unknown>,
        provider: migrationProvider('sqlite'),
      });
      expect((await migrator.migrateTo('0004-replaced-fields')).error).toBeUndefined();
      const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await raw
        .insertInto('users')
        .values({
          id: 'u1',
          username: 'ada',
          password_hash: 'x',
          created_at: 0,
          conflict_strategy: '{}',
        })
        .execute();
      // Signed in long ago (more than an idle lifetime before the upgrade), in use since.
      const longAgo = Date.now() - 400 * 24 * 60 * 60 * 1000;
      for (const token of ['t1', 't2']) {
        await raw
          .insertInto('sessions')
          .values({ token_hash: token, user_id: 'u1', created_at: longAgo })
          .execute();
      }
      const before = Date.now();
      await migrateToLatest(db as Kysely<unknown>, 'sqlite');
      const sessions = await db.selectFrom('sessions').selectAll().execute();
      expect(sessions).toHaveLength(2);
      const [first, second] = sessions;
      expect(first?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first?.id).not.toBe(second?.id);
      for (const session of sessions) expect(session.last_seen_at).toBeGreaterThanOrEqual(before);
    } finally {
      await db.destroy();
    }
  });
});
