import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountRow, StatusRow } from '../../db/types.ts';
import { readStatus } from '../../db/status.ts';
import { useOutpost } from '../data/OutpostProvider.tsx';
import { countWaiting } from './waitingChanges.ts';

export interface SyncView {
  account: AccountRow | undefined;
  status: StatusRow;
  pending: number;
  conflicts: number;
  failed: number;
}

/** Everything the status line shows, live from IndexedDB (the worker writes there too). */
export function useSyncView(): SyncView | undefined {
  const { db } = useOutpost();
  return useLiveQuery(async () => {
    const accountRow = await db.syncState.get('account');
    // Counted per record, as Details lists them (waitingChanges.ts): an edit made while an
    // earlier one is in flight is a second entry of the same record, but one pending change.
    const { pending, failed } = countWaiting(await db.outbox.orderBy('seq').toArray());
    return {
      account: accountRow?.key === 'account' ? accountRow : undefined,
      status: await readStatus(db),
      pending,
      failed,
      // Per record too: an edit made after a conflict may collide again, one decision for both.
      conflicts: (await db.conflicts.orderBy('recordKey').uniqueKeys()).length,
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

/** The status line in words, for eyes and screen readers alike. */
export function describeSync(view: SyncView, online: boolean, now: number): string {
  const { status, pending, conflicts, failed } = view;
  const parts: string[] = [];
  if (!online) parts.push('Offline');
  else if (status.phase === 'syncing') parts.push('Syncing…');
  else if (status.phase === 'signed-out') parts.push('Signed out — sign in again to sync');
  else if (status.phase === 'outdated')
    parts.push('Update Outpost to sync: the server needs a newer version');
  else if (status.phase === 'error' && status.lastError) {
    const retry = status.nextRetryAt ? `; next try ${clock(status.nextRetryAt)}` : '';
    parts.push(`Sync failed: ${status.lastError.message}${retry}`);
  } else if (pending === 0 && status.lastSuccessAt !== null)
    parts.push(`Synced ${ago(status.lastSuccessAt, now)}`);
  if (pending > 0) parts.push(`${pending} pending`);
  if (conflicts > 0) parts.push(`${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'}`);
  if (failed > 0) parts.push(`${failed} not accepted`);
  return parts.join(' · ') || 'Not synced yet';
}

function clock(time: number): string {
  return new Date(time).toLocaleTimeString();
}

function ago(time: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `at ${clock(time)}`;
}
