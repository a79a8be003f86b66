import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountRow, StatusRow } from '../../db/types.ts';
import { conflictedRecordKeys } from '../../db/conflicts.ts';
import { readReplaced } from '../../db/replaced.ts';
import { readStatus } from '../../db/status.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import type { SyncCounts } from './syncWords.ts';
import { countWaiting } from './waitingChanges.ts';

/** The status's counts (syncWords.ts), and the account they are for. */
export interface SyncView extends SyncCounts {
  account: AccountRow | undefined;
}

/** Everything the status line shows, live from IndexedDB (the worker writes there too). */
export function useSyncView(): SyncView | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    const accountRow = await db.syncState.get('account');
    // Counted per record, as Details lists them (waitingChanges.ts): an edit made while an
    // earlier one is in flight is a second entry of the same record, but one pending change.
    const { pending, failed } = countWaiting(await db.outbox.toArray());
    return {
      account: accountRow?.key === 'account' ? accountRow : undefined,
      status: await readStatus(db),
      pending,
      failed,
      // Per record too: an edit made after a conflict may collide again, one decision for both.
      conflicts: (await conflictedRecordKeys(db)).length,
      replaced: (await readReplaced(db)).length,
    };
  }, [db]);
}

/**
 * Signed in, for syncing: an account row, and no 401 since. After a 401 the engine sets the
 * phase `signed-out` and keeps the row, so the next sign-in knows who it was (A3).
 */
export function isSignedIn(account: AccountRow | undefined, status: StatusRow): boolean {
  return account !== undefined && status.phase !== 'signed-out';
}
