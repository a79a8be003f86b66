import { SyncError } from '../api/errors.ts';
import { readCursor } from '../db/pulled.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import { deviceDigest, repairRange, saveVerified, type VerifyReport } from '../db/verifyRanges.ts';

export { readVerified, type VerifyReport } from '../db/verifyRanges.ts';
import { differingRanges } from '../protocol/digest.ts';
import { MAX_PULL_LIMIT } from '../protocol/limits.ts';
import type { Change, DigestResponse } from '../protocol/sync.ts';
import { pullChanges } from './pullChanges.ts';
import type { SyncTransport, VerifyTransport } from './transport.ts';

export type VerifyingTransport = SyncTransport & { verify: VerifyTransport };

/** How often the check asks again when pushes from other devices keep moving the account on. */
const DIGEST_ATTEMPTS = 3;

/**
 * [V3] Checks that this device holds what the server holds, and repairs what differs: asks for
 * the server's digest as of this device's cursor (pulling first if the server has moved on),
 * compares it range by range with the device's own, and fetches only the ranges that differ.
 * Call under the sync lock (syncOnce.ts), after a pull: a pull running at the same time would
 * move the cursor under the comparison.
 */
export async function verifySync(
  db: OutpostDatabase,
  transport: VerifyingTransport,
  now: () => number = Date.now,
): Promise<VerifyReport> {
  const { collections: server, purgedThrough } = await digestAtCursor(db, transport);
  const report: VerifyReport = {
    at: now(),
    checked: 0,
    unsent: 0,
    repaired: 0,
    resent: 0,
    ranges: [],
  };
  for (const collection of db.collections.names) {
    const theirs = server[collection];
    // A collection the server does not keep (this app is newer) has nothing to compare with.
    if (!theirs) continue;
    const mine = await deviceDigest(db, collection);
    report.checked += mine.digest.count;
    report.unsent += mine.unsentRecords;
    const comparable = {
      ...theirs,
      ranges: theirs.ranges.filter((r) => !mine.unsentRanges.has(r.range)),
    };
    for (const range of differingRanges(comparable, mine.digest)) {
      const changes = await fetchRange(transport.verify, collection, range);
      const { repaired, resent } = await repairRange(db, collection, range, changes, purgedThrough);
      report.repaired += repaired;
      report.resent += resent;
      report.ranges.push(`${collection}:${range}`);
    }
  }
  await saveVerified(db, report);
  return report;
}

async function digestAtCursor(
  db: OutpostDatabase,
  transport: VerifyingTransport,
): Promise<{ collections: NonNullable<DigestResponse['collections']>; purgedThrough: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const { collections, purgedThrough } = await transport.verify.digest(await readCursor(db));
    if (collections !== null) return { collections, purgedThrough };
    if (attempt === DIGEST_ATTEMPTS) {
      throw new SyncError(
        'transient',
        'verify_busy',
        'The account kept changing while it was being checked; it will be checked again later',
      );
    }
    // The server has changes this device has not pulled: pull them, then ask again.
    await pullChanges(db, transport);
  }
}

/** Every record of a range, page by page (V2). */
async function fetchRange(
  transport: VerifyTransport,
  collection: string,
  range: string,
): Promise<Change[]> {
  const changes: Change[] = [];
  for (;;) {
    const after = changes.at(-1)?.record.id;
    const page = await transport.range({ collection, range, after, limit: MAX_PULL_LIMIT });
    changes.push(...page.changes);
    if (!page.hasMore) return changes;
  }
}
