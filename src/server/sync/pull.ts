import { annotationsOf, toWireRecord } from '../../model/stored.ts';
import type { PullResponse } from '../../protocol/sync.ts';
import { ApiError } from '../errors.ts';
import type { Database } from '../storage/connect.ts';
import { recordsAfter } from '../storage/records.ts';

/**
 * GET /api/sync/pull. Versions of one user commit in order (push.ts holds the user's row),
 * so everything up to the last version returned is settled: resuming from it never misses
 * and never repeats a change (L2). The cursor only moves to versions actually returned.
 */
export async function pull(
  database: Database,
  userId: string,
  cursor: number,
  limit: number,
): Promise<PullResponse> {
  const { db } = database;
  const user = await db
    .selectFrom('users')
    .select('purged_through')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  // [L4] tombstones the device never saw were purged: only a full pull is complete now.
  if (cursor > 0 && cursor < user.purged_through) {
    throw new ApiError(
      410,
      'resync_required',
      'Changes this device has not seen were purged; pull again from 0',
    );
  }
  const records = await recordsAfter(db, userId, cursor, limit + 1);
  const hasMore = records.length > limit;
  const page = hasMore ? records.slice(0, limit) : records;
  return {
    changes: page.map((record) => ({
      collection: record.collection,
      record: toWireRecord(record),
      ...annotationsOf(record),
    })),
    cursor: page.at(-1)?.version ?? cursor,
    hasMore,
  };
}
