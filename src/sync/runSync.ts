import type { OutpostDatabase } from '../db/schema.ts';
import type { StatusRow } from '../db/types.ts';
import { currentAccount } from './account.ts';
import { SyncError, type SyncErrorKind } from './errors.ts';
import { knownOffline, OFFLINE } from './online.ts';
import { updateStatus } from './status.ts';
import { syncOnce } from './syncOnce.ts';
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
export interface RunSyncOptions {
  now?: () => number;
  /** Whether `db` is still the database in use on this device (see syncOnce). */
  isCurrent?: () => Promise<boolean>;
}

export async function runSync(
  db: OutpostDatabase,
  transport: SyncTransport,
  { now = Date.now, isCurrent }: RunSyncOptions = {},
): Promise<'synced' | 'signed-out' | 'offline'> {
  if (!(await currentAccount(db))) return 'signed-out';
  if (knownOffline()) return 'offline';
  await updateStatus(db, { phase: 'syncing' });
  try {
    if (!(await syncOnce(db, transport, now, isCurrent))) {
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
