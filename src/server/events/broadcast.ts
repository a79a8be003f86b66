import type pg from 'pg';
import type { Database } from '../storage/connect.ts';
import { EventHub } from './hub.ts';

/**
 * Carries "user U changed, cursor N" from the instance that committed to every instance's
 * hub. On SQLite there is one instance, so it delivers directly. On PostgreSQL it sends
 * NOTIFY and each instance (the sender too) LISTENs, so streams held by any instance sharing
 * the database get their poke (E1, S3).
 */
export interface Broadcast {
  hub: EventHub;
  publish: (userId: string, cursor: number) => void;
  close: () => Promise<void>;
}

const CHANNEL = 'outpost_changes';

export async function openBroadcast(
  database: Database,
  onError: (error: unknown) => void,
): Promise<Broadcast> {
  const hub = new EventHub();
  const pool = database.pool;
  if (!pool) {
    return { hub, publish: (userId, cursor) => hub.deliver(userId, cursor), close: async () => {} };
  }
  const listener = await listen(pool, hub, onError);
  return {
    hub,
    publish(userId, cursor) {
      pool
        .query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ userId, cursor })])
        .catch(onError);
    },
    async close() {
      listener.release();
    },
  };
}

async function listen(
  pool: pg.Pool,
  hub: EventHub,
  onError: (error: unknown) => void,
): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('notification', (message) => {
    try {
      const { userId, cursor } = JSON.parse(message.payload ?? '') as {
        userId: string;
        cursor: number;
      };
      hub.deliver(userId, cursor);
    } catch (error) {
      onError(error);
    }
  });
  client.on('error', onError);
  await client.query(`LISTEN ${CHANNEL}`);
  return client;
}
