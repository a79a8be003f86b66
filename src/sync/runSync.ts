import type { OutpostDatabase } from '../db/schema.ts';
import type { StatusRow } from '../db/types.ts';
import { currentAccount } from '../db/account.ts';
import { SyncError, type SyncErrorKind } from '../api/errors.ts';
import { knownOffline, OFFLINE } from '../api/online.ts';
import { readStatus, updateStatus } from '../db/status.ts';
import { syncOnce, type SyncOnceOptions } from './syncOnce.ts';
import type { SyncTransport } from './transport.ts';

/** What the status line shows after each kind of failure. */
const PHASE_AFTER: Record<SyncErrorKind, StatusRow['phase']> = {
  transient: 'error',
  permanent: 'error',
  resync: 'error',
  auth: 'signed-out',
  upgrade: 'outdated',
};

/**
 * One sync as the page and the worker run it: only when signed in and not known to be offline
 * (nothing is attempted then, see online.ts; the caller waits for `online`), with the status
 * row kept up to date. Errors come back as SyncError so callers can decide: retry later
 * (transient), ask to sign in (auth), offer the update (upgrade). Nothing in the outbox is lost
 * either way.
 */
export type RunSyncOptions = SyncOnceOptions;

export async function runSync(
  db: OutpostDatabase,
  transport: SyncTransport,
  options: RunSyncOptions = {},
): Promise<'synced' | 'signed-out' | 'offline'> {
  const { now = Date.now, onlineWithinMs = 0 } = options;
  if (!(await currentAccount(db))) return 'signed-out';
  // [A3] The session ended (a 401): nothing can succeed until the person signs in again
  // (switching.ts sets the phase back), and passing the status through 'syncing' meanwhile
  // would replace the sign-in form they may be typing into.
  if ((await readStatus(db)).phase === 'signed-out') return 'signed-out';
  if (knownOffline() && onlineWithinMs === 0) return 'offline';
  await updateStatus(db, { phase: 'syncing' });
  try {
    if (!(await syncOnce(db, transport, options))) {
      await updateStatus(db, { phase: 'idle' });
      return 'signed-out';
    }
    await updateStatus(db, {
      phase: 'idle',
      lastSuccessAt: now(),
      lastError: null,
      nextRetryAt: null,
    });
    return 'synced';
  } catch (caught) {
    const error =
      caught instanceof SyncError ? caught : new SyncError('transient', 'unknown', String(caught));
    // The device went offline mid-sync: nothing failed, the rest waits for the network.
    if (error.code === OFFLINE) {
      await updateStatus(db, { phase: 'idle', nextRetryAt: null });
      return 'offline';
    }
    const lastError = {
      code: error.code,
      message: error.message,
      transient: error.kind === 'transient',
    };
    await updateStatus(db, { phase: PHASE_AFTER[error.kind], lastError, nextRetryAt: null });
    throw error;
  }
}
