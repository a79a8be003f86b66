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
