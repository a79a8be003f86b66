import { describe, expect, it } from 'vitest';
import { MutationSchema } from '../protocol/mutation.ts';
import { ValidationError } from '../model/validation.ts';
import { openTestOutpost, putSyncedNote } from './testing.ts';

const syncedNote = (device: ReturnType<typeof openTestOutpost>, version = 5) =>
  putSyncedNote(device.db, undefined, version);

describe('repositories: each write is one record + outbox transaction', () => {
  it('[M1] creating a note stores it and queues one put without base', async () => {
    const device = openTestOutpost();
    const note = await device.notes.create({ title: 'Hello', tags: ['a', 'b'] });
    expect(await device.db.records('notes').get(note.id)).toMatchObject({
      title: 'Hello',
      pending: 1,
      version: 0,
    });
    const [entry, ...rest] = await device.outbox();
    expect(rest).toHaveLength(0);
    expect(entry?.state).toBe('pending');
    expect(entry?.mutation).toEqual({
      id: entry?.mutation.id,
      collection: 'notes',
      recordId: note.id,
      op: 'put',
      baseVersion: 0,
      set: { title: 'Hello', body: '', pinned: false },
      add: { tags: ['a', 'b'] },
      clientTime: note.createdAt,
    });
    expect(MutationSchema.safeParse(entry?.mutation).success).toBe(true);
    expect(device.writes()).toBe(1);
  });

  it('[R1] a contact without a name or with a bad email is refused and nothing is written', async () => {
    const device = openTestOutpost();
    await expect(device.contacts.create({ name: '  ' })).rejects.toBeInstanceOf(ValidationError);
    const bad = device.contacts.create({ name: 'Ada', email: 'ada@' });
    await expect(bad).rejects.toMatchObject({ problems: [{ field: 'email' }] });
    expect(await device.db.records('contacts').count()).toBe(0);
    expect(await device.outbox()).toHaveLength(0);
  });

  it('[M3] edits of an unsent creation fold into the creation', async () => {
    const device = openTestOutpost();
    const note = await device.notes.create({ title: 'Draft' });
    await device.notes.update(note.id, { title: 'Draft 2', body: 'text' });
    const entries = await device.outbox();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.mutation.set).toEqual({ title: 'Draft 2', body: 'text', pinned: false });
    expect(entries[0]?.mutation.base).toBeUndefined();
  });

  it('[M3] edits of a synced record keep the earliest base and the latest values', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.update(note.id, { title: 'Groceries!' });
    await device.notes.update(note.id, { title: 'Shopping', body: 'milk' });
    const [entry, ...rest] = await device.outbox();
    expect(rest).toHaveLength(0);
    expect(entry?.mutation).toMatchObject({
      op: 'put',
      baseVersion: 5,
      base: { title: 'Groceries', body: 'milk\neggs' },
      set: { title: 'Shopping', body: 'milk' },
    });
    expect(entry?.mutation.clientTime).toBeGreaterThan(entry?.queuedAt ?? Infinity);
    expect(await device.db.records('notes').get(note.id)).toMatchObject({
      title: 'Shopping',
      pending: 1,
    });
  });

  it('[M3] typing and then undoing the typing leaves nothing to send', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.update(note.id, { title: 'Groceries and more' });
    await device.notes.update(note.id, { title: 'Groceries' });
    expect(await device.outbox()).toHaveLength(0);
    expect((await device.db.records('notes').get(note.id))?.pending).toBe(0);
  });

  it('an update that changes nothing writes nothing', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.update(note.id, { title: 'Groceries' });
    expect(await device.outbox()).toHaveLength(0);
    expect(device.writes()).toBe(0);
  });

  it('[M3] an edit never folds into a mutation already in flight', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.update(note.id, { title: 'One' });
    await device.markAllSent();
    await device.notes.update(note.id, { title: 'Two' });
    const entries = await device.outbox();
    expect(entries.map((entry) => [entry.state, entry.mutation.set])).toEqual([
      ['inflight', { title: 'One' }],
      ['pending', { title: 'Two' }],
    ]);
    expect(entries[1]?.mutation.base).toEqual({ title: 'One' });
  });

  it('[P5] a delete is soft and its base lists every register and text field', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    const deleted = await device.notes.remove(note.id);
    expect(deleted.deletedAt).not.toBeNull();
    expect(await device.db.records('notes').get(note.id)).toMatchObject({
      title: 'Groceries',
      pending: 1,
    });
    const [entry] = await device.outbox();
    expect(entry?.mutation).toMatchObject({
      op: 'delete',
      baseVersion: 5,
      base: { title: 'Groceries', body: 'milk\neggs', pinned: false },
    });
    expect(entry?.mutation.set).toBeUndefined();
    expect(MutationSchema.safeParse(entry?.mutation).success).toBe(true);
  });

  it('[M3] a delete carries the unsent edits before it, with the original base', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.update(note.id, { title: 'Edited' });
    await device.notes.remove(note.id);
    const [entry, ...rest] = await device.outbox();
    expect(rest).toHaveLength(0);
    expect(entry?.mutation).toMatchObject({
      op: 'delete',
      base: { title: 'Groceries', body: 'milk\neggs', pinned: false },
      set: { title: 'Edited' },
    });
  });

  it('undo of an unsent delete restores the outbox exactly as it was', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.update(note.id, { title: 'Edited' });
    const before = await device.outbox();
    await device.notes.remove(note.id);
    await device.notes.restore(note.id);
    const after = await device.outbox();
    expect(after.map((entry) => ({ ...entry.mutation, clientTime: 0 }))).toEqual(
      before.map((entry) => ({ ...entry.mutation, clientTime: 0 })),
    );
    expect(await device.db.records('notes').get(note.id)).toMatchObject({
      deletedAt: null,
      title: 'Edited',
    });
  });

  it('undo of a delete with nothing else unsent leaves nothing to send', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.remove(note.id);
    await device.notes.restore(note.id);
    expect(await device.outbox()).toHaveLength(0);
    expect(await device.db.records('notes').get(note.id)).toMatchObject({
      deletedAt: null,
      pending: 0,
    });
  });

  it('[P4] undo of a delete already in flight queues a restore', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.remove(note.id);
    await device.markAllSent();
    await device.notes.restore(note.id);
    const entries = await device.outbox();
    expect(entries.map((entry) => entry.mutation.op)).toEqual(['delete', 'restore']);
    await device.notes.update(note.id, { title: 'Back' });
    expect((await device.outbox())[1]?.mutation).toMatchObject({
      op: 'restore',
      set: { title: 'Back' },
      base: { title: 'Groceries' },
    });
  });

  it('[R3] counter taps fold into one delta and cancel out to nothing', async () => {
    const device = openTestOutpost();
    const contact = await device.contacts.create({ name: 'Ada' });
    await device.db.outbox.clear();
    await device.db.records('contacts').update(contact.id, { version: 3, pending: 0 });
    await device.contacts.increment(contact.id, 'timesContacted', 1);
    await device.contacts.increment(contact.id, 'timesContacted', 1);
    await device.contacts.increment(contact.id, 'timesContacted', -1);
    expect((await device.outbox())[0]?.mutation).toMatchObject({
      inc: { timesContacted: 1 },
      base: {},
    });
    await device.contacts.increment(contact.id, 'timesContacted', -1);
    expect(await device.outbox()).toHaveLength(0);
    expect(await device.db.records('contacts').get(contact.id)).toMatchObject({
      timesContacted: 0,
      pending: 0,
    });
  });

  it('[R3] counters and sets are never written with set', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await expect(device.notes.increment(note.id, 'title', 1)).rejects.toBeInstanceOf(TypeError);
    await expect(device.contacts.addTag('nope', 'x', 'name')).rejects.toBeInstanceOf(TypeError);
  });

  it('[R3] tag edits fold into the net add and remove', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    await device.notes.addTag(note.id, 'work');
    await device.notes.removeTag(note.id, 'home');
    await device.notes.removeTag(note.id, 'work');
    expect((await device.outbox())[0]?.mutation).toMatchObject({ remove: { tags: ['home'] } });
    expect((await device.outbox())[0]?.mutation.add).toBeUndefined();
    await device.notes.addTag(note.id, 'home');
    const [entry] = await device.outbox();
    expect(entry?.mutation.add).toEqual({ tags: ['home'] });
    expect(entry?.mutation.remove).toBeUndefined();
    expect((await device.db.records('notes').get(note.id))?.tags).toEqual(['home']);
  });

  it('[R1] a 51st tag is refused with a readable message', async () => {
    const device = openTestOutpost();
    const tags = Array.from({ length: 50 }, (_, index) => `t${index}`);
    const note = await device.notes.create({ tags });
    await expect(device.notes.addTag(note.id, 'one-more')).rejects.toThrow(/at most 50 tags/);
    expect((await device.db.records('notes').get(note.id))?.tags).toHaveLength(50);
  });

  it('the record and its mutation commit together or not at all', async () => {
    const device = openTestOutpost();
    const note = await syncedNote(device);
    device.db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(device.notes.update(note.id, { title: 'Lost?' })).rejects.toThrow('disk full');
    expect((await device.db.records('notes').get(note.id))?.title).toBe('Groceries');
    expect(await device.outbox()).toHaveLength(0);
  });

  it('editing a record that does not exist gives a coded error', async () => {
    const device = openTestOutpost();
    await expect(device.notes.update('missing', { title: 'x' })).rejects.toMatchObject({
      code: 'record_not_found',
    });
  });
});

describe('bulk creation', () => {
  it('[M1] createMany writes the same records and mutations as create, in one go', async () => {
    const single = openTestOutpost();
    const bulk = openTestOutpost();
    const one = await single.notes.create({ title: 'A', tags: ['x'] });
    const [many] = await bulk.notes.createMany([{ title: 'A', tags: ['x'] }, { title: 'B' }]);
    const strip = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: typeof one) => rest;
    expect(strip(many!)).toEqual(strip(one));
    const entries = await bulk.outbox();
    expect(entries).toHaveLength(2);
    expect(entries.map((entry) => entry.mutation.set?.title)).toEqual(['A', 'B']);
    for (const entry of entries)
      expect(MutationSchema.safeParse(entry.mutation).success).toBe(true);
    expect((await single.outbox())[0]?.mutation.add).toEqual(entries[0]?.mutation.add);
  });

  it('[R1] one invalid record stops the whole import before anything is written', async () => {
    const device = openTestOutpost();
    await expect(device.contacts.createMany([{ name: 'Ok' }, { name: '' }])).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await device.db.records('contacts').count()).toBe(0);
    expect(await device.outbox()).toHaveLength(0);
  });
});
