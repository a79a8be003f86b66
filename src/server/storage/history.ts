import type { Kysely } from 'kysely';
import type { HistoryEntry } from '../../protocol/sync.ts';
import type { Schema } from './schema.ts';

/** [H1] a record's applied changes, newest first, each with the values it overwrote. */
export async function historyOf(
  db: Kysely<Schema>,
  userId: string,
  collection: string,
  recordId: string,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('history')
    .select(['version', 'at', 'client_id', 'op', 'previous'])
    .where('user_id', '=', userId)
    .where('collection', '=', collection)
    .where('record_id', '=', recordId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({
    version: row.version,
    at: row.at,
    clientId: row.client_id,
    op: row.op as HistoryEntry['op'],
    previous: JSON.parse(row.previous) as Record<string, unknown>,
  }));
}
