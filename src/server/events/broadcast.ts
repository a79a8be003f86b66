import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../storage/connect.ts';
import { EventHub } from './hub.ts';

/**
 * Carries "user U changed, cursor N" from the instance that committed to every instance's
 * hub. The committing instance delivers to its own streams at once. On PostgreSQL it also
 * sends NOTIFY, and every other instance sharing the database (LISTENing) pokes its streams
 * (E1, S3). The sender skips its own notification: waiting for it cost a pooled connection and
 * a round trip, which under load doubled the time to a poke (npm run bench -- load, issue 15).
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
  const instance = randomUUID();
  const listener = await listen(pool, hub, instance, onError);
  return {
    hub,
    publish(userId, cursor) {
      hub.deliver(userId, cursor);
      const message = JSON.stringify({ userId, cursor, from: instance });
      pool.query('SELECT pg_notify($1, $2)', [CHANNEL, message]).catch(onError);
    },
    async close() {
      listener.release();
    },
  };
}

async function listen(
  pool: pg.Pool,
  hub: EventHub,
  instance: string,
  onError: (error: unknown) => void,
): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('notification', (message) => {
    try {
      const { userId, cursor, from } = JSON.parse(message.payload ?? '') as {
        userId: string;
        cursor: number;
        from?: string;
      };
      // This instance's own commits were delivered when they were published.
      if (from !== instance) hub.deliver(userId, cursor);
    } catch (error) {
      onError(error);
    }
  });
  client.on('error', onError);
  await client.query(`LISTEN ${CHANNEL}`);
  return client;
}
