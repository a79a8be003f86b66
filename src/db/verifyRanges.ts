import { emptyFields, fieldNames } from '../model/collections.ts';
import type { Fields } from '../model/collections/define.ts';
import type { FieldValue } from '../protocol/mutation.ts';
import { digestOf, rangeBounds, rangeOf, type CollectionDigest } from '../protocol/digest.ts';
import type { Change } from '../protocol/sync.ts';
import { serverWriteTables, storeChanges } from './pulled.ts';
import { plannedCreation } from './creations.ts';
import { sendNewerAgain } from './newerHere.ts';
import type { OutpostDatabase } from './schema.ts';
import type { AnyStoredRecord, VerifiedRow } from './types.ts';

/** What verifying sync reads and writes on the device (section V); the engine is sync/verify.ts. */

/** Records are read in pages of this many, so a large account is never all in memory at once. */
const READ_PAGE = 2000;

export interface DeviceDigest {
  digest: CollectionDigest;
  /** Ranges holding a record with a change the server has not acknowledged: not comparable. */
  unsentRanges: Set<string>;
  /** How many records have such a change. */
  unsentRecords: number;
}

/**
 * [V3] The digest of the collection as this device last had it from the server: its live
 * records with nothing unsent. A record with an unsent change (an edit, a delete, an open
 * conflict) shows what the server does not have yet, so its whole range is left out.
 */
export async function deviceDigest(db: OutpostDatabase, collection: string): Promise<DeviceDigest> {
  const live: { id: string; version: number }[] = [];
  const unsentRanges = new Set<string>();
  let unsentRecords = 0;
  await eachRecord(db, collection, (record) => {
    if (record.pending === 1) {
      unsentRanges.add(rangeOf(record.id));
      unsentRecords += 1;
    }
    if (record.deletedAt === null) live.push({ id: record.id, version: record.version });
  });
  const comparable = live.filter((entry) => !unsentRanges.has(rangeOf(entry.id)));
  return { digest: await digestOf(comparable), unsentRanges, unsentRecords };
}

async function eachRecord(
  db: OutpostDatabase,
  collection: string,
  visit: (record: AnyStoredRecord) => void,
): Promise<void> {
  const table = db.records(collection);
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? table.orderBy('id') : table.where('id').above(after))
      .limit(READ_PAGE)
      .toArray();
    page.forEach(visit);
    if (page.length < READ_PAGE) return;
    after = page.at(-1)!.id;
  }
}

export interface RangeRepair {
  /** Records whose copy here was replaced, added or removed to match the server. */
  repaired: number;
  /**
   * Records held here as synced that the server does not have, or has at an older version
   * (it lost later changes): queued to be sent again.
   */
  resent: number;
}

/**
 * [V3] Makes one range of the device match the server's records in it (`changes`: every
 * record of the range, deleted ones included). Records with unsent changes keep them, laid
 * over the server's state as a pull does. A synced copy at a higher version than the server's
 * is sent back to it (newerHere.ts). A record the server no longer has at all was either
 * deleted long enough ago that its tombstone was purged (L4: its version here is at or below
 * `purgedThrough`, or it is deleted here too), and goes; or the server lost it, and it is
 * queued as a creation again: a record is never dropped only because the server is silent.
 */
export async function repairRange(
  db: OutpostDatabase,
  collection: string,
  range: string,
  changes: Change[],
  purgedThrough: number,
): Promise<RangeRepair> {
  const table = db.records(collection);
  const { from, before } = rangeBounds(range);
  return db.transaction('rw', serverWriteTables(db), async () => {
    const held = new Map(
      (
        await (
          before === null
            ? table.where('id').aboveOrEqual(from)
            : table.where('id').between(from, before)
        ).toArray()
      ).map((record) => [record.id, record]),
    );
    const differing = changes.filter(({ record }) => {
      const here = held.get(record.id);
      return (
        here === undefined ||
        here.version !== record.version ||
        (here.deletedAt === null) !== (record.deletedAt === null)
      );
    });
    // Newer here than on the server: the server lost changes, which go back to it.
    const newerHere = differing.filter(({ record }) => {
      const here = held.get(record.id);
      return here !== undefined && here.pending === 0 && here.version > record.version;
    });
    const changed = differing.filter((change) => !newerHere.includes(change));
    await storeChanges(db, changed);
    let sentAgain = 0;
    for (const { record } of newerHere) {
      const spec = db.collections.spec(collection);
      if (await sendNewerAgain(db, spec, record, held.get(record.id)!, Date.now())) sentAgain += 1;
    }
    const returned = new Set(changes.map(({ record }) => record.id));
    const missing = [...held.values()].filter(
      (record) => record.pending === 0 && !returned.has(record.id),
    );
    // A tombstone newer than every purged one was not purged: the server never had it.
    const lost = missing.filter(
      (record) => record.deletedAt === null && record.version > purgedThrough,
    );
    const purged = missing.filter((record) => !lost.includes(record));
    await table.bulkDelete(purged.map((record) => record.id));
    await resend(db, collection, lost);
    return { repaired: changed.length + purged.length, resent: lost.length + sentAgain };
  });
}

/**
 * Queues records again as creations with their own ids (inside repairRange's transaction), as
 * the repository's createMany does.
 */
async function resend(db: OutpostDatabase, collection: string, lost: AnyStoredRecord[]) {
  const spec = db.collections.spec(collection);
  const time = Date.now();
  const planned = lost.map((record) => {
    const fields: Fields = {
      ...emptyFields(spec),
      ...Object.fromEntries(
        fieldNames(spec).flatMap((field) => {
          const value = Reflect.get(record, field) as FieldValue | undefined;
          return value === undefined ? [] : [[field, value]];
        }),
      ),
    };
    return plannedCreation(spec, record.id, fields, time, () => crypto.randomUUID());
  });
  await db.records(collection).bulkPut(planned.map(({ record }) => record));
  await db.outbox.bulkAdd(planned.map(({ entry }) => entry));
}

/** What one check found (the last one is kept on the device, for Settings to show). */
export type VerifyReport = Omit<VerifiedRow, 'key'>;

export async function saveVerified(db: OutpostDatabase, report: VerifyReport): Promise<void> {
  await db.syncState.put({ key: 'verified', ...report });
}

/** The last check's report, if this device was ever checked. */
export async function readVerified(db: OutpostDatabase): Promise<VerifyReport | undefined> {
  const row = await db.syncState.get('verified');
  if (row?.key !== 'verified') return undefined;
  const { key: _key, ...report } = row;
  return report;
}
