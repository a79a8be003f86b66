import type { Transaction } from 'kysely';
import type { ConflictStrategy } from '../../protocol/sync.ts';
import type { StorageKind } from '../config.ts';
import { ApiError } from '../errors.ts';
import type { Schema } from './schema.ts';

export interface LockedUser {
  changeCounter: number;
  purgedThrough: number;
  strategy: Record<string, ConflictStrategy>;
}

/**
 * Reads the user's row and holds it for the rest of the transaction. On PostgreSQL a row
 * lock (FOR UPDATE) makes concurrent pushes of one user wait for each other, so version
 * numbers commit in the order they were taken (L2); a sequence would not: its values can
 * commit out of order. SQLite has one writer at a time, so its transactions already are.
 */
export async function lockUser(
  tx: Transaction<Schema>,
  kind: StorageKind,
  userId: string,
): Promise<LockedUser> {
  let query = tx
    .selectFrom('users')
    .select(['change_counter', 'purged_through', 'conflict_strategy'])
    .where('id', '=', userId);
  if (kind === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new ApiError(401, 'unauthenticated', 'This account no longer exists');
  return {
    changeCounter: row.change_counter,
    purgedThrough: row.purged_through,
    strategy: JSON.parse(row.conflict_strategy) as Record<string, ConflictStrategy>,
  };
}
