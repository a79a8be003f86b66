import { SyncError } from '../api/errors.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { runSync, type RunSyncOptions } from './runSync.ts';
import { withSyncLock } from './syncOnce.ts';
import type { SyncTransport } from './transport.ts';
import { verifySync, type VerifyReport } from './verify.ts';

/**
 * [V3] What Settings → Check sync runs: a whole sync (its status shown as any sync's), then the
 * check under the sync lock, then one more sync if the check queued records again. The check's
 * own failure is returned to the caller and leaves the sync status alone: the push and pull
 * before it worked. `isCurrent`: the database is still the one in use (another tab may have
 * switched accounts), as for every sync.
 */
export async function checkSync(
  db: OutpostDatabase,
  transport: SyncTransport,
  options: RunSyncOptions = {},
): Promise<VerifyReport | 'offline' | 'signed-out'> {
  const verify = transport.verify;
  if (!verify)
    throw new SyncError('permanent', 'verify_unsupported', 'This connection cannot check sync');
  const synced = await runSync(db, transport, options);
  if (synced !== 'synced') return synced;
  const report = await withSyncLock(async () => {
    if (options.isCurrent && !(await options.isCurrent())) return 'signed-out' as const;
    return verifySync(db, { ...transport, verify }, options.now);
  });
  if (report !== 'signed-out' && report.resent > 0) await runSync(db, transport, options);
  return report;
}
