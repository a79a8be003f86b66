import { dropFailed } from '../db/failed.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { withSyncLock } from './syncOnce.ts';

export { retryFailed } from '../db/failed.ts';

/**
 * Discards a change the server refused (P7), under the sync lock: a pull in flight would
 * otherwise write its cursor back over the reset, and the record would keep the refused value.
 */
export function discardFailed(db: OutpostDatabase, seq: number): Promise<void> {
  return withSyncLock(() => dropFailed(db, seq));
}
