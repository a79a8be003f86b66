import { annotationsOf, toWireRecord } from '../../model/stored.ts';
import type { Collections } from '../../model/collections.ts';
import { digestOf, type DigestEntry } from '../../protocol/digest.ts';
import type { DigestResponse, RangeResponse } from '../../protocol/sync.ts';
import type { Database } from '../storage/connect.ts';
import { recordsInRange, recordVersions } from '../storage/records.ts';

/**
 * GET /api/sync/digest (V1). Only live records count: tombstones are purged after their
 * retention (L4) whatever a device still holds, so counting them would report a difference
 * that is not one. A device whose cursor is behind is told to pull first, since the server
 * keeps only each record's latest version and cannot answer for an earlier moment.
 */
export async function digest(
  database: Database,
  collections: Collections,
  userId: string,
  through: number,
): Promise<DigestResponse> {
  const { rows, purgedThrough } = await recordVersions(database.db, userId);
  const cursor = rows.reduce((max, row) => Math.max(max, Number(row.version)), 0);
  if (cursor > through) return { cursor, purgedThrough, collections: null };
  const live = new Map<string, DigestEntry[]>(collections.names.map((name) => [name, []]));
  for (const row of rows) {
    if (row.deleted_at !== null) continue;
    live.get(row.collection)?.push({ id: row.id, version: Number(row.version) });
  }
  const digests = await Promise.all(
    [...live].map(async ([name, entries]) => [name, await digestOf(entries)] as const),
  );
  return { cursor, purgedThrough, collections: Object.fromEntries(digests) };
}

/** GET /api/sync/range (V2): a page of a range's records, as a pull carries them. */
export async function rangePage(
  database: Database,
  userId: string,
  query: { collection: string; range: string; after?: string; limit: number },
): Promise<RangeResponse> {
  const records = await recordsInRange(database.db, userId, { ...query, limit: query.limit + 1 });
  const hasMore = records.length > query.limit;
  const page = hasMore ? records.slice(0, query.limit) : records;
  return {
    changes: page.map((record) => ({
      collection: record.collection,
      record: toWireRecord(record),
      ...annotationsOf(record),
    })),
    hasMore,
  };
}
