import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { appCollections, defineCollection } from '../model/collections.ts';
import { line } from '../model/collections/fields.ts';
import { OutpostDatabase } from './schema.ts';
import { putSyncedNote } from './testing.ts';

describe('schema upgrades', () => {
  it('version 4: entries an earlier version marked in flight become pending under the sent watermark', async () => {
    const indexedDB = new IDBFactory();
    // A device on version 3, with one entry in flight and one waiting.
    const old = new Dexie('outpost-upgrade', { indexedDB, IDBKeyRange });
    old.version(3).stores({
      notes: 'id, updatedAt, pending, deletedAt',
      contacts: 'id, name, updatedAt, pending, deletedAt',
      outbox: '++seq, [recordKey+state]',
      syncState: 'key',
      conflicts: 'mutationId, recordKey',
    });
    await old.table('outbox').bulkAdd([
      { recordKey: 'notes:a', state: 'inflight', mutation: { id: 'm1' } },
      { recordKey: 'notes:a', state: 'pending', mutation: { id: 'm2' } },
    ]);
    old.close();

    const db = new OutpostDatabase('outpost-upgrade', { indexedDB, IDBKeyRange });
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((entry) => [entry.seq, entry.state])).toEqual([
      [1, 'pending'],
      [2, 'pending'],
    ]);
    expect(await db.syncState.get('sent')).toEqual({ key: 'sent', throughSeq: 1 });
    db.close();
  });
});

describe('a database deleted from another connection', () => {
  it('is closed for good here: a late write fails instead of creating the database again', async () => {
    const indexedDB = new IDBFactory();
    const options = { indexedDB, IDBKeyRange };
    const tab = new OutpostDatabase('outpost-account-a', options);
    await tab.syncState.put({ key: 'cursor', cursor: 1 });

    // Another tab removes the account's data from the device.
    await new Dexie('outpost-account-a', options).delete();

    await expect(tab.syncState.put({ key: 'cursor', cursor: 2 })).rejects.toMatchObject({
      name: 'DatabaseClosedError',
    });
    const names = (await indexedDB.databases()).map((known) => known.name);
    expect(names).not.toContain('outpost-account-a');
  });
});

describe('record tables from the collection declarations', () => {
  it("the app's record tables are version 1's, with version 7's list index", () => {
    const db = new OutpostDatabase('outpost-v1', { indexedDB: new IDBFactory(), IDBKeyRange });
    const tableOf = (name: string) => {
      const table = db.tables.find((table) => table.name === name);
      return (
        table && [table.schema.primKey.name, ...table.schema.indexes.map((index) => index.name)]
      );
    };
    const listIndex = '[listGroup+updatedAt]';
    expect(tableOf('notes')).toEqual(['id', 'updatedAt', 'pending', 'deletedAt', listIndex]);
    expect(tableOf('contacts')).toEqual([
      'id',
      'name',
      'updatedAt',
      'pending',
      'deletedAt',
      listIndex,
    ]);
    db.close();
  });

  it('a collection added in a later version gets its table on upgrade, and the next pull starts from 0', async () => {
    const indexedDB = new IDBFactory();
    const before = new OutpostDatabase('outpost-added', { indexedDB, IDBKeyRange });
    await before.syncState.put({ key: 'cursor', cursor: 42 });
    const kept = await putSyncedNote(before);
    before.close();

    const bookmarks = defineCollection({
      name: 'bookmarks',
      noun: 'bookmark',
      fields: { url: line({ label: 'Address', called: 'An address', max: 2_000 }) },
      titleField: 'url',
      indexes: [],
      since: 8,
    });
    const after = new OutpostDatabase('outpost-added', {
      indexedDB,
      IDBKeyRange,
      collections: appCollections.with(bookmarks),
    });
    await after.records('bookmarks').put({
      id: 'b1',
      url: 'https://example.com',
      createdAt: 1,
      updatedAt: 1,
      deletedAt: null,
      version: 0,
      pending: 1,
    });
    expect(after.verno).toBe(8);
    expect(await after.records('bookmarks').count()).toBe(1);
    expect(await after.records('notes').get(kept.id)).toEqual({ ...kept, listGroup: 0 });
    // Pulls before this version skipped bookmarks (the device had nowhere to keep them).
    expect(await after.syncState.get('cursor')).toBeUndefined();
    after.close();
  });
});
