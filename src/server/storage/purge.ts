import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Retention {
  /** How long a deleted record stays as a tombstone that devices pull (L4). */
  tombstoneMs: number;
  /** [P1][H1] mutation results and history are kept at least 30 days. */
  resultsMs: number;
}

export const DEFAULT_RETENTION: Retention = { tombstoneMs: 90 * DAY_MS, resultsMs: 31 * DAY_MS };

/**
 * Drops what is past its retention. Tombstones go last and raise each user's
 * `purged_through` first, so a device whose cursor is older than a purged tombstone gets 410
 * and resyncs (L4) rather than silently keeping a record that was deleted elsewhere.
 */
export async function purgeExpired(
  db: Kysely<Schema>,
  retention: Retention,
  now: number,
  /** Limits the purge to one user: tests share a PostgreSQL database with each other. */
  onlyUser?: string,
) {
  return db.transaction().execute(async (tx) => {
    const cutoff = now - retention.tombstoneMs;
    const horizons = await tx
      .selectFrom('records')
      .select(['user_id', (eb) => eb.fn.max('version').as('version')])
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '<', cutoff)
      .$if(onlyUser !== undefined, (query) => query.where('user_id', '=', onlyUser!))
      .groupBy('user_id')
      .execute();
    for (const { user_id, version } of horizons) {
      await tx
        .updateTable('users')
        .set({ purged_through: Number(version) })
        .where('id', '=', user_id)
        .where('purged_through', '<', Number(version))
        .execute();
    }
    const tombstones = await tx
      .deleteFrom('records')
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '<', cutoff)
      .$if(onlyUser !== undefined, (query) => query.where('user_id', '=', onlyUser!))
      .executeTakeFirst();
    const oldResults = now - retention.resultsMs;
    await tx
      .deleteFrom('mutation_results')
      .where('created_at', '<', oldResults)
      .$if(onlyUser !== undefined, (query) => query.where('user_id', '=', onlyUser!))
      .execute();
    await tx
      .deleteFrom('history')
      .where('at', '<', oldResults)
      .$if(onlyUser !== undefined, (query) => query.where('user_id', '=', onlyUser!))
      .execute();
    // [T3] rate-limit windows last a minute: an hour-old one counts nothing any more.
    await tx
      .deleteFrom('rate_limits')
      .where('window_start', '<', now - 60 * 60 * 1000)
      .execute();
    return { tombstones: Number(tombstones.numDeletedRows) };
  });
}
