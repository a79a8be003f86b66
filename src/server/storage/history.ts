import type { Kysely } from 'kysely';
import type { HistoryEntry } from '../../protocol/sync.ts';
import type { Schema } from './schema.ts';

/**
 * [H1] a record's applied changes, newest first, each with the values it overwrote, and [P3]
 * the values of a latest-wins write that lost (at the version the record kept).
 */
export async function historyOf(
  db: Kysely<Schema>,
  userId: string,
  collection: string,
  recordId: string,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('history')
    .select(['version', 'at', 'client_id', 'device_name', 'op', 'previous', 'lost'])
    .where('user_id', '=', userId)
    .where('collection', '=', collection)
    .where('record_id', '=', recordId)
    .orderBy('version', 'desc')
    // A lost write shares the version of the change it lost to; it came after that change.
    .orderBy('seq', 'desc')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    at: row.at,
    clientId: row.client_id,
    ...(row.device_name === null ? {} : { deviceName: row.device_name }),
    op: row.op as HistoryEntry['op'],
    previous: JSON.parse(row.previous) as Record<string, unknown>,
    ...(row.lost === null ? {} : { lost: JSON.parse(row.lost) as Record<string, unknown> }),
  }));
}
