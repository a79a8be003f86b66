import { describe, expect, it } from 'vitest';
import { MutationSchema } from '../protocol/mutation.ts';
import { openTestOutpost, putSyncedNote } from './testing.ts';

/**
 * What an editor writes as the person types (repository `edit`), and what happens to a record
 * left blank (`discardIfBlank`).
 */

const NEW_ID = '22222222-2222-4222-8222-222222222222';

describe('edit: typing into a record', () => {
  it('[M1] a record the device does not have is created with that id; later keystrokes fold into the creation', async () => {
    const device = openTestOutpost();
    await device.notes.edit(NEW_ID, { title: 'H' });
    await device.notes.edit(NEW_ID, { title: 'Hello' });
    await device.notes.edit(NEW_ID, { body: 'world' });

    expect(await device.db.records('notes').get(NEW_ID)).toMatchObject({
      title: 'Hello',
      body: 'world',
      version: 0,
      pending: 1,
    });
    const outbox = await device.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.mutation).toMatchObject({
      recordId: NEW_ID,
      op: 'put',
      baseVersion: 0,
      set: { title: 'Hello', body: 'world', pinned: false },
    });
    expect(outbox[0]?.mutation.base).toBeUndefined();
  });

  it('[R1] a value R1 refuses waits as a draft, exactly as typed; the record keeps its last valid value and nothing invalid is queued', async () => {
    const device = openTestOutpost();
    const ada = await device.contacts.create({ name: 'Ada' });
    await device.db.outbox.clear();

    await device.contacts.edit(ada.id, { email: 'ada@', company: 'Engines' });

    expect(await device.db.drafts.get(`contacts:${ada.id}`)).toMatchObject({
      fields: { email: 'ada@' },
    });
    expect(await device.db.records('contacts').get(ada.id)).toMatchObject({
      email: '',
      company: 'Engines',
    });
    const outbox = await device.outbox();
    expect(outbox.map((entry) => entry.mutation.set)).toEqual([{ company: 'Engines' }]);
    for (const entry of outbox) expect(MutationSchema.safeParse(entry.mutation).success).toBe(true);
  });

  it('[R1] once the draft value is valid it goes to the record like any edit, and the draft goes', async () => {
    const device = openTestOutpost();
    const ada = await device.contacts.create({ name: 'Ada' });
    await device.contacts.edit(ada.id, { email: 'ada@' });
    await device.contacts.edit(ada.id, { email: 'ada@example.com' });

    expect(await device.db.drafts.count()).toBe(0);
    expect(await device.db.records('contacts').get(ada.id)).toMatchObject({
      email: 'ada@example.com',
    });
  });

  it('[R1] a contact without a valid name is not made: everything typed waits as its draft, and the name brings it all', async () => {
    const device = openTestOutpost();
    await device.contacts.edit(NEW_ID, { company: 'Navy' });
    await device.contacts.edit(NEW_ID, { email: 'grace@navy.mil' });
    expect(await device.db.records('contacts').count()).toBe(0);
    expect(await device.outbox()).toHaveLength(0);
    expect(await device.db.drafts.get(`contacts:${NEW_ID}`)).toMatchObject({
      fields: { company: 'Navy', email: 'grace@navy.mil' },
    });

    await device.contacts.edit(NEW_ID, { name: 'Grace' });

    expect(await device.db.records('contacts').get(NEW_ID)).toMatchObject({
      name: 'Grace',
      company: 'Navy',
      email: 'grace@navy.mil',
    });
    expect(await device.db.drafts.count()).toBe(0);
    expect(await device.outbox()).toHaveLength(1);
  });

  it('an erased name waits as a draft; the record keeps its name until a new one is typed', async () => {
    const device = openTestOutpost();
    const ada = await device.contacts.create({ name: 'Ada' });
    await device.contacts.edit(ada.id, { name: '' });
    expect((await device.db.records('contacts').get(ada.id))?.name).toBe('Ada');
    await device.contacts.edit(ada.id, { name: 'Ada L.' });
    expect((await device.db.records('contacts').get(ada.id))?.name).toBe('Ada L.');
    expect(await device.db.drafts.count()).toBe(0);
  });
});

describe('discardIfBlank: a record left with nothing in it', () => {
  it('a blank note the server never saw goes without a trace: no record, nothing queued', async () => {
    const device = openTestOutpost();
    await device.notes.edit(NEW_ID, { title: 'typo' });
    await device.notes.edit(NEW_ID, { title: '  ' });

    expect(await device.notes.discardIfBlank(NEW_ID)).toBe(true);

    expect(await device.db.records('notes').count()).toBe(0);
    expect(await device.outbox()).toHaveLength(0);
  });

  it('[P5] a blank note the server has is deleted as a tombstone that syncs', async () => {
    const device = openTestOutpost();
    const note = await putSyncedNote(device.db);
    await device.notes.edit(note.id, { title: '', body: '' });
    await device.notes.removeTag(note.id, 'home');

    expect(await device.notes.discardIfBlank(note.id)).toBe(true);

    expect((await device.db.records('notes').get(note.id))?.deletedAt).not.toBeNull();
    expect((await device.outbox()).map((entry) => entry.mutation.op)).toEqual(['delete']);
  });

  it('a blank note whose creation was already sent is deleted, not dropped (P1: it may be on the server)', async () => {
    const device = openTestOutpost();
    await device.notes.edit(NEW_ID, { title: 'x' });
    await device.markAllSent();
    await device.notes.edit(NEW_ID, { title: '' });

    expect(await device.notes.discardIfBlank(NEW_ID)).toBe(true);

    const ops = (await device.outbox()).map((entry) => [entry.state, entry.mutation.op]);
    expect(ops).toEqual([
      ['inflight', 'put'],
      ['pending', 'delete'],
    ]);
  });

  it('a record with anything in it stays; a pinned note counts as something', async () => {
    const device = openTestOutpost();
    await device.notes.edit(NEW_ID, { pinned: true });
    expect(await device.notes.discardIfBlank(NEW_ID)).toBe(false);
    expect(await device.notes.discardIfBlank('absent')).toBe(false);
    expect(await device.db.records('notes').count()).toBe(1);
  });

  it('a contact blank as shown (its name erased into the draft) goes with its draft', async () => {
    const device = openTestOutpost();
    await device.contacts.edit(NEW_ID, { name: 'G' });
    await device.contacts.edit(NEW_ID, { name: '' });
    expect(await device.db.drafts.count()).toBe(1);

    expect(await device.contacts.discardIfBlank(NEW_ID)).toBe(true);

    expect(await device.db.records('contacts').count()).toBe(0);
    expect(await device.db.drafts.count()).toBe(0);
    expect(await device.outbox()).toHaveLength(0);
  });
});
