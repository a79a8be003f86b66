import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { listLength, listRows } from './lists.ts';
import { applyPullPage } from './pulled.ts';
import { OutpostDatabase } from './schema.ts';
import { openTestOutpost, syncedNote } from './testing.ts';

const titles = (rows: { title: string }[]) => rows.map((row) => row.title);

describe('the list index: lists read only the rows they show', () => {
  it('pinned first, then newest first; tombstones take no place', async () => {
    const { db, notes } = openTestOutpost();
    const first = await notes.create({ title: 'First' });
    await notes.create({ title: 'Pinned', pinned: true });
    const gone = await notes.create({ title: 'Deleted' });
    await notes.create({ title: 'Newest' });
    await notes.remove(gone.id);

    expect(await listLength(db, 'notes')).toBe(3);
    expect(titles(await listRows(db, 'notes', 0, 10))).toEqual(['Pinned', 'Newest', 'First']);
    expect(titles(await listRows(db, 'notes', 1, 1))).toEqual(['Newest']);

    // An edit moves a note to the top of its group; unpinning moves it among the rest.
    await notes.update(first.id, { title: 'First, edited' });
    expect(titles(await listRows(db, 'notes', 0, 10))).toEqual([
      'Pinned',
      'First, edited',
      'Newest',
    ]);
    await notes.restore(gone.id);
    expect(await listLength(db, 'notes')).toBe(4);
  });

  it('records a pull brings are listed like typed ones, and a pulled delete leaves the list', async () => {
    const { db } = openTestOutpost();
    const record = (id: string, title: string, extra: object = {}) => {
      const { pending: _local, ...wire } = syncedNote({ id, title, ...extra });
      return { collection: 'notes' as const, record: wire };
    };
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    await applyPullPage(db, {
      changes: [record(a, 'From the server'), record(b, 'Pinned there', { pinned: true })],
      cursor: 2,
      hasMore: false,
    });
    expect(titles(await listRows(db, 'notes', 0, 10))).toEqual(['Pinned there', 'From the server']);

    await applyPullPage(db, {
      changes: [
        record(b, 'Pinned there', { pinned: true, deletedAt: 5, updatedAt: 5, version: 2 }),
      ],
      cursor: 3,
      hasMore: false,
    });
    expect(titles(await listRows(db, 'notes', 0, 10))).toEqual(['From the server']);
  });

  it('version 7 lists the records a device already held', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('outpost-list-upgrade', { indexedDB, IDBKeyRange });
    old.version(6).stores({
      notes: 'id, updatedAt, pending, deletedAt',
      contacts: 'id, name, updatedAt, pending, deletedAt',
      outbox: '++seq, [recordKey+state]',
      syncState: 'key',
      conflicts: 'mutationId, recordKey',
      typing: '[page+record+n]',
      drafts: 'record',
      typingStored: '[page+record]',
    });
    const note = { body: '', tags: [], createdAt: 1, version: 1, pending: 0 };
    await old.table('notes').bulkAdd([
      { ...note, id: 'a', title: 'Old', pinned: false, updatedAt: 1, deletedAt: null },
      { ...note, id: 'b', title: 'Pinned', pinned: true, updatedAt: 2, deletedAt: null },
      { ...note, id: 'c', title: 'Gone', pinned: true, updatedAt: 3, deletedAt: 3 },
      { ...note, id: 'd', title: 'New', pinned: false, updatedAt: 4, deletedAt: null },
    ]);
    old.close();

    const db = new OutpostDatabase('outpost-list-upgrade', { indexedDB, IDBKeyRange });
    expect(titles(await listRows(db, 'notes', 0, 10))).toEqual(['Pinned', 'New', 'Old']);
    expect(await listLength(db, 'notes')).toBe(3);
    db.close();
  });
});
