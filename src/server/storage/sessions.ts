import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema, SessionsTable } from './schema.ts';
import type { User } from './users.ts';

/** [A6] how long a session lasts unused (idle), and at most from its sign-in (absolute). */
export interface SessionLifetimes {
  idleMs: number;
  maxMs: number;
}

/** A session as its person sees it in Settings: never its token or the token's hash. */
export interface SessionInfo {
  id: string;
  deviceName: string | null;
  userAgent: string | null;
  createdAt: number;
  lastSeenAt: number;
}

/** The session a request presented, and whose it is. */
export interface PresentedSession {
  user: User;
  sessionId: string;
  deviceName: string | null;
}

/**
 * How often a session's last use is written: each request would be a write per request, and
 * the idle lifetime is counted in days, so a minute is exact enough.
 */
const TOUCH_EVERY_MS = 60_000;
const MAX_USER_AGENT = 200;

type Lifespan = Pick<SessionsTable, 'created_at' | 'last_seen_at'>;

/** [A6] when a session ends: its idle lifetime after its last use, or its absolute one. */
export function sessionEndsAt(session: Lifespan, lifetimes: SessionLifetimes): number {
  return Math.min(session.last_seen_at + lifetimes.idleMs, session.created_at + lifetimes.maxMs);
}

/** [A3][A4][A6] sessions: stored by the hash of their token, ended by time or by their person. */
export function sessionStore(db: Kysely<Schema>, lifetimes: SessionLifetimes) {
  const live = (session: Lifespan, now: number) => now < sessionEndsAt(session, lifetimes);
  return {
    /** Starts a session for `userId`; answers its id. */
    async add(tokenHash: string, userId: string, now: number, userAgent?: string) {
      const id = randomUUID();
      await db
        .insertInto('sessions')
        .values({
          token_hash: tokenHash,
          id,
          user_id: userId,
          created_at: now,
          last_seen_at: now,
          device_name: null,
          user_agent: userAgent?.slice(0, MAX_USER_AGENT) ?? null,
        })
        .execute();
      return id;
    },

    /** The live session with this token hash; an ended one is removed and is no session. */
    async find(tokenHash: string, now: number): Promise<PresentedSession | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id as userId', 'users.username', 'sessions.id as sessionId'])
        .select(['sessions.created_at', 'sessions.last_seen_at', 'sessions.device_name'])
        .where('sessions.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      if (!live(row, now)) {
        await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
        return undefined;
      }
      if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: now })
          .where('token_hash', '=', tokenHash)
          .execute();
      }
      return {
        user: { id: row.userId, username: row.username },
        sessionId: row.sessionId,
        deviceName: row.device_name,
      };
    },

    /** [P9] keeps the name the device pushes with, to show beside the session. */
    async nameDevice(sessionId: string, deviceName: string): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ device_name: deviceName })
        .where('id', '=', sessionId)
        .execute();
    },

    /** The user's live sessions, the most recently used first. */
    async list(userId: string, now: number): Promise<SessionInfo[]> {
      const rows = await db
        .selectFrom('sessions')
        .select(['id', 'device_name', 'user_agent', 'created_at', 'last_seen_at'])
        .where('user_id', '=', userId)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows
        .filter((row) => live(row, now))
        .map((row) => ({
          id: row.id,
          deviceName: row.device_name,
          userAgent: row.user_agent,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
        }));
    },

    /** Ends one of the user's sessions; false when the user has no live one by that id. */
    async removeById(userId: string, id: string, now: number): Promise<boolean> {
      const result = await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .returning(['created_at', 'last_seen_at'])
        .executeTakeFirst();
      return result !== undefined && live(result, now);
    },

    /** Ends every session of the user but `keepId`; answers how many ended. */
    async removeOthers(userId: string, keepId: string): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('id', '!=', keepId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionStore = ReturnType<typeof sessionStore>;

/**
 * [A6] Deletes the sessions that have ended: one is otherwise removed only when presented
 * again, and a device that never comes back would leave its row (user agent included) forever.
 */
export async function deleteEndedSessions(
  db: Kysely<Schema>,
  lifetimes: SessionLifetimes,
  now: number,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<=', now - lifetimes.idleMs),
        eb('created_at', '<=', now - lifetimes.maxMs),
      ]),
    )
    .execute();
}
