import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { OutpostDatabase } from './schema.ts';

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
