import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';
import { sessionStore, type SessionLifetimes } from './sessions.ts';

export interface User {
  id: string;
  username: string;
}

/** [P3] no collection named: each is 'ask' until the user chooses (routes/sync.ts). */
export const DEFAULT_STRATEGY = '{}';

/** Accounts and their sessions. Usernames arrive already case-folded (A1). */
export function userStore(db: Kysely<Schema>, lifetimes: SessionLifetimes) {
  return {
    /** Creates the user, or returns null when the name is taken (409, A1). */
    async create(username: string, passwordHash: string, now: number): Promise<User | null> {
      const id = randomUUID();
      const inserted = await db
        .insertInto('users')
        .values({
          id,
          username,
          password_hash: passwordHash,
          created_at: now,
          change_counter: 0,
          purged_through: 0,
          conflict_strategy: DEFAULT_STRATEGY,
        })
        // Two signups racing for one name: the unique index decides, and the loser sees null.
        .onConflict((conflict) => conflict.column('username').doNothing())
        .returning(['id', 'username'])
        .executeTakeFirst();
      return inserted ?? null;
    },

    async findByName(username: string) {
      return db
        .selectFrom('users')
        .select(['id', 'username', 'password_hash'])
        .where('username', '=', username)
        .executeTakeFirst();
    },

    async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .execute();
    },

    /**
     * [A6] Deletes the account and every row kept for it, in one transaction: its history,
     * stored results, records, sessions, rate-limit windows and the user itself.
     */
    async deleteAccount(userId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        // The user's row first: a push holds it (lockUser) until it commits, so deletion waits
        // for the push rather than locking records the push is about to write (a deadlock).
        await tx.deleteFrom('users').where('id', '=', userId).execute();
        // ON DELETE CASCADE has removed these already; said here so the list is in one place.
        for (const table of ['history', 'mutation_results', 'records', 'sessions'] as const) {
          await tx.deleteFrom(table).where('user_id', '=', userId).execute();
        }
        // The per-user rate-limit windows (rateLimit.ts) are keyed by the user's id.
        await tx.deleteFrom('rate_limits').where('key', '=', userId).execute();
      });
    },

    async passwordHashOf(userId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', userId)
        .executeTakeFirst();
      return row?.password_hash;
    },

    sessions: sessionStore(db, lifetimes),
  };
}

export type UserStore = ReturnType<typeof userStore>;
