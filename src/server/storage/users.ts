import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

export interface User {
  id: string;
  username: string;
}

/** [P3] no collection named: each is 'ask' until the user chooses (routes/sync.ts). */
export const DEFAULT_STRATEGY = '{}';

/** Accounts and sessions. Usernames arrive already case-folded (A1). */
export function userStore(db: Kysely<Schema>) {
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

    async addSession(tokenHash: string, userId: string, now: number): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ token_hash: tokenHash, user_id: userId, created_at: now })
        .execute();
    },

    async userForSession(tokenHash: string): Promise<User | undefined> {
      return db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.username'])
        .where('sessions.token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    async removeSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
  };
}

export type UserStore = ReturnType<typeof userStore>;
