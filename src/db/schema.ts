import { Dexie, type EntityTable, type Table } from 'dexie';
import {
  appCollections,
  type CollectionName,
  type CollectionSpec,
  type Collections,
} from '../model/collections.ts';
import { LIST_INDEX, listIndexMiddleware, withListGroup } from './listIndex.ts';
import type {
  AnyStoredRecord,
  ConflictEntry,
  DraftRow,
  OutboxEntry,
  StoredRecord,
  SyncStateRow,
  TypingRow,
  TypingStoredRow,
} from './types.ts';

export const DATABASE_NAME = 'outpost';

/**
 * The device database. Every schema version lives here, in order, with its upgrade: Dexie
 * runs the upgrades a device has not seen yet when it opens. Never edit a released version;
 * add the next one.
 *
 * Records: one table per collection, named after it, with the indexes its declaration lists
 * (src/model/collections/*.ts; see recordStores below) and the list index, which lists read a
 * window of, in order (listIndex.ts).
 * The outbox is ordered by `seq`; `[recordKey+state]` finds the one mutation an edit may fold
 * into (M3), and by its prefix every entry of a record. Each index costs a write per row, so
 * there are no others (version 3 dropped an unused one).
 */
export class OutpostDatabase extends Dexie {
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  syncState!: Table<SyncStateRow, SyncStateRow['key']>;
  conflicts!: EntityTable<ConflictEntry, 'mutationId'>;
  typing!: Table<TypingRow, [string, string, number]>;
  typingStored!: Table<TypingStoredRow, [string, string]>;
  drafts!: Table<DraftRow, string>;

  /** The collections this device keeps, each in a table of its name. */
  readonly collections: Collections;

  /** The table of one collection's records, typed as that collection's when it is the app's. */
  records<C extends CollectionName>(collection: C): Table<StoredRecord<C>, string>;
  records(collection: string): Table<AnyStoredRecord, string>;
  records(collection: string): Table<AnyStoredRecord, string> {
    return this.table(collection);
  }

  /** Every collection's records table: a transaction over all records names these. */
  recordTables(): Table<AnyStoredRecord, string>[] {
    return this.collections.names.map((collection) => this.records(collection));
  }

  constructor(
    name = DATABASE_NAME,
    options: ConstructorParameters<typeof Dexie>[1] & { collections?: Collections } = {},
  ) {
    // Relaxed durability: a commit is done once the browser has the data, without waiting for
    // the disk to confirm it (fsync). It survives a crashed tab or browser; only a power cut in
    // the next moments could lose it. Strict durability made each keystroke's write 50–250 ms
    // in Chromium, so the newest typing stayed that long from being stored.
    const { collections = appCollections, ...dexieOptions } = options;
    super(name, { chromeTransactionDurability: 'relaxed', ...dexieOptions });
    this.collections = collections;
    // Another tab deletes this database (its account was signed out with "remove"): close it
    // for good. Dexie's own handler closes it open to auto-open, and the next query here (a
    // keystroke, an editor's last write) would re-create the removed account's database, empty
    // but for that write, to reappear when the account signs in again. An upgrade by a newer
    // version of the app keeps Dexie's handling. (Dexie calls the newest handler first; false
    // stops the chain before its own.)
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      if (event.newVersion) return undefined;
      this.close({ disableAutoOpen: true });
      return false;
    });
    this.version(1).stores({
      ...recordStores(
        collections.specs.filter((spec) => spec.since === 1),
        1,
      ),
      outbox: '++seq, state, [recordKey+state]',
      syncState: 'key',
    });
    // Version 2: conflicts the server reported, kept until the person resolves them. A new
    // table needs no upgrade function; existing data is untouched.
    this.version(2).stores({
      conflicts: 'mutationId, recordKey',
    });
    // Version 3: the outbox's single `state` index answered no query and cost a write on every
    // edit and every push; Dexie drops it on upgrade.
    this.version(3).stores({
      outbox: '++seq, [recordKey+state]',
    });
    // Version 4: "in flight" is a watermark (SentRow) instead of a state written on every entry
    // of every batch. Entries earlier versions marked 'inflight' become 'pending' under it.
    this.version(4)
      .stores({})
      .upgrade(async (upgrade) => {
        const outbox = upgrade.table('outbox');
        const inflight = (await outbox.toArray()).filter(
          (entry: { state: string }) => entry.state === 'inflight',
        );
        if (inflight.length === 0) return;
        await outbox.bulkPut(inflight.map((entry) => ({ ...entry, state: 'pending' })));
        const throughSeq = Math.max(...inflight.map((entry: { seq: number }) => entry.seq));
        await upgrade.table('syncState').put({ key: 'sent', throughSeq });
      });
    // Version 5: the typing journal, keystrokes kept until the editor's write of them commits
    // (src/db/typingJournal.ts), and drafts, typed values R1 refuses (src/db/drafts.ts).
    // New tables: nothing to upgrade.
    this.version(5).stores({
      typing: '[page+record+n]',
      drafts: 'record',
    });
    // Version 6: how far each page's typing is stored, written with the editor's own write, so
    // a page that went away between that write and clearing its journal is not replayed over
    // newer values. A new table: nothing to upgrade.
    this.version(6).stores({
      typingStored: '[page+record]',
    });
    // Version 7: the list index (listIndex.ts), so lists read only the rows they show. Every
    // record gets its list group; the middleware keeps it from then on.
    const listed = collections.specs.filter((spec) => spec.since <= LIST_INDEX_VERSION);
    this.version(LIST_INDEX_VERSION)
      .stores(recordStores(listed, LIST_INDEX_VERSION))
      .upgrade(async (upgrade) => {
        for (const spec of listed) {
          await upgrade
            .table(spec.name)
            .toCollection()
            .modify((record: object, ref: { value: object }) => {
              ref.value = withListGroup(spec, record);
            });
        }
      });
    this.use(listIndexMiddleware(collections));
    // Collections added after the first release: each spec names the version that adds its
    // table (a new table needs no upgrade function).
    // Its records were skipped by every pull before (pulled.ts): the next pull starts from 0.
    for (const spec of collections.specs.filter((spec) => spec.since > 1)) {
      this.version(spec.since)
        .stores(recordStores([spec], spec.since))
        .upgrade((upgrade) => upgrade.table('syncState').delete('cursor'));
    }
  }
}

/** The device-schema version that added the list index to every collection's table. */
const LIST_INDEX_VERSION = 7;

/**
 * A collection's table: by id, its own indexes (for lists to read in order), `pending` (records
 * with unsynced changes) and `deletedAt` (tombstones; null is not indexed, so live records stay
 * out of it), and from version 7 the list index. Version 1's tables read exactly 'id,
 * updatedAt, pending, deletedAt' (notes) and 'id, name, updatedAt, pending, deletedAt'
 * (contacts); a released version never changes.
 */
function recordStores(specs: CollectionSpec[], version: number): Record<string, string> {
  // From version 7 on, every statement of a record table keeps the list index: leaving it out
  // would make Dexie drop it, and the lists would silently read nothing.
  const list = version >= LIST_INDEX_VERSION ? [LIST_INDEX] : [];
  return Object.fromEntries(
    specs.map((spec) => [
      spec.name,
      ['id', ...spec.indexes, 'pending', 'deletedAt', ...list].join(', '),
    ]),
  );
}
