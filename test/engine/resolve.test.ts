import { describe, expect, it } from 'vitest';
import { withListGroup } from '../../src/db/listIndex.ts';
import { specOf } from '../../src/model/collections.ts';
import { engineServer, type EngineDevice } from './devices.ts';
import { pull, signUp, type Account } from '../server.ts';

/**
 * Conflict resolution end to end: devices running the real engine (fake IndexedDB) against the
 * real server. Each test makes a real collision, decides it, syncs, and checks that every
 * device and the server agree, and that nothing the person chose to keep was lost.
 */
describe('[P3][P4][P5] resolving conflicts', () => {
  const server = engineServer();
  const device = (account: Account) => server.device(account);
  type Device = EngineDevice;

  /** A note both devices have, synced, then changed on each as `edits` say; phone syncs first. */
  async function collide(
    edits: { phone: (d: Device, id: string) => Promise<unknown>; laptop: typeof edits.phone },
    fields = { title: 'Shopping', body: 'milk\neggs\nbread' },
  ) {
    const account = await signUp(server.app());
    const phone = device(account);
    const laptop = device(account);
    const note = await phone.notes.create({ ...fields, tags: ['home'] });
    await phone.sync();
    await laptop.sync();
    await edits.phone(phone, note.id);
    await edits.laptop(laptop, note.id);
    await phone.sync();
    await laptop.sync();
    const serverNote = async () =>
      (await pull(server.app(), account)).changes.find((change) => change.record.id === note.id)
        ?.record;
    return { account, phone, laptop, id: note.id, serverNote };
  }

  /** Syncs every device until nothing is left to push, then compares each with the server. */
  async function converge(devices: Device[], serverNote: () => Promise<unknown>, id: string) {
    for (let round = 0; round < 2; round++) for (const d of devices) await d.sync();
    const server = await serverNote();
    for (const d of devices) {
      expect(await d.outbox()).toEqual([]);
      expect(await d.db.conflicts.count()).toBe(0);
      const held = withListGroup(specOf('notes'), { ...(server as object), pending: 0 });
      expect(await d.db.records('notes').get(id)).toEqual(held);
    }
    return server;
  }

  const retitle = (title: string) => (d: Device, id: string) => d.notes.update(id, { title });

  it('[P3] keep mine: my title goes to the server, based on its version, and both devices converge', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: retitle('Shopping for Monday'),
      laptop: retitle('Shopping for the party'),
    });
    const view = await laptop.conflicts.read('notes', id);
    expect(view).toMatchObject({
      kind: 'edit',
      fields: [
        {
          field: 'title',
          base: 'Shopping',
          mine: 'Shopping for the party',
          theirs: 'Shopping for Monday',
        },
      ],
    });
    await laptop.conflicts.resolve('notes', id, { kind: 'mine' });
    expect(await laptop.db.conflicts.count()).toBe(0);
    const [entry] = await laptop.outbox();
    expect(entry?.mutation).toMatchObject({
      op: 'put',
      baseVersion: view!.theirs.version,
      base: { title: 'Shopping for Monday' },
      set: { title: 'Shopping for the party' },
    });
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      title: 'Shopping for the party',
    });
  });

  it('[P3] keep theirs: the colliding field takes their value, my other changes still go through', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: retitle('Phone title'),
      laptop: async (d, id) => {
        await d.notes.update(id, { title: 'Laptop title', pinned: true });
        await d.notes.addTag(id, 'urgent');
      },
    });
    await laptop.conflicts.resolve('notes', id, { kind: 'theirs' });
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      title: 'Phone title',
      pinned: true,
      tags: ['home', 'urgent'],
    });
  });

  it('[P3] a merged text: the value the person wrote is kept, with both sides’ lines', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: (d, id) => d.notes.update(id, { body: 'milk\noat milk\nbread' }),
      laptop: (d, id) => d.notes.update(id, { body: 'milk\nfree-range eggs\nbread' }),
    });
    const view = await laptop.conflicts.read('notes', id);
    // One part both changed: the dialog asks about it alone.
    expect(view?.fields[0]?.field).toBe('body');
    expect(view?.fields[0]?.parts?.map((part) => part.kind)).toEqual([
      'same',
      'both-differ',
      'same',
    ]);
    const merged = 'milk\noat milk\nfree-range eggs\nbread';
    await laptop.conflicts.resolve('notes', id, { kind: 'merge', values: { body: merged } });
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({ body: merged });
  });

  it('[P3] a resolution that collides again is a conflict again, never an overwrite', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: retitle('Phone 1'),
      laptop: retitle('Laptop 1'),
    });
    // The phone changes the title again before the laptop's resolution reaches the server.
    await phone.notes.update(id, { title: 'Phone 2' });
    await phone.sync();
    await laptop.conflicts.resolve('notes', id, { kind: 'mine' });
    await laptop.sync();
    expect(await laptop.conflicts.read('notes', id)).toMatchObject({
      fields: [{ field: 'title', mine: 'Laptop 1', theirs: 'Phone 2' }],
    });
    expect(await serverNote()).toMatchObject({ title: 'Phone 2' });
    await laptop.conflicts.resolve('notes', id, { kind: 'mine' });
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({ title: 'Laptop 1' });
  });

  it('[P3] an edit made after the conflict folds into the resolution', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: retitle('Phone title'),
      laptop: retitle('Laptop title'),
    });
    await laptop.notes.update(id, { title: 'Laptop title, edited again', body: 'milk' });
    await laptop.notes.addTag(id, 'weekly');
    await laptop.conflicts.resolve('notes', id, { kind: 'mine' });
    expect(await laptop.outbox()).toHaveLength(1);
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      title: 'Laptop title, edited again',
      body: 'milk',
      tags: ['home', 'weekly'],
    });
  });

  it('[P4] edited here, deleted there: the record stays visible; restore brings it back with my changes', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: (d, id) => d.notes.remove(id),
      laptop: async (d, id) => {
        await d.notes.update(id, { title: 'Still needed' });
        await d.notes.addTag(id, 'kept');
      },
    });
    expect(await laptop.db.records('notes').get(id)).toMatchObject({
      deletedAt: null,
      title: 'Still needed',
    });
    expect(await laptop.conflicts.read('notes', id)).toMatchObject({ kind: 'deleted' });
    await laptop.conflicts.resolve('notes', id, { kind: 'mine' });
    expect((await laptop.outbox())[0]?.mutation.op).toBe('restore');
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      deletedAt: null,
      title: 'Still needed',
      tags: ['home', 'kept'],
    });
  });

  it('[P4] edited here, deleted there: discarding my changes leaves it deleted everywhere', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: (d, id) => d.notes.remove(id),
      laptop: retitle('Not needed after all'),
    });
    await laptop.conflicts.resolve('notes', id, { kind: 'theirs' });
    expect(await laptop.outbox()).toEqual([]);
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      deletedAt: expect.any(Number),
      title: 'Shopping',
    });
  });

  it('[P5] deleted here, edited there: delete anyway deletes it everywhere', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: retitle('Edited on the phone'),
      laptop: (d, id) => d.notes.remove(id),
    });
    expect(await laptop.conflicts.read('notes', id)).toMatchObject({ kind: 'delete-edited' });
    await laptop.conflicts.resolve('notes', id, { kind: 'mine' });
    expect((await laptop.outbox())[0]?.mutation).toMatchObject({
      op: 'delete',
      base: { title: 'Edited on the phone' },
    });
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      deletedAt: expect.any(Number),
      title: 'Edited on the phone',
    });
  });

  it('[P5] deleted here, edited there: keeping the edited record brings it back here', async () => {
    const { phone, laptop, id, serverNote } = await collide({
      phone: retitle('Edited on the phone'),
      laptop: (d, id) => d.notes.remove(id),
    });
    expect(await laptop.db.records('notes').get(id)).toMatchObject({
      deletedAt: expect.any(Number),
    });
    await laptop.conflicts.resolve('notes', id, { kind: 'theirs' });
    expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
      deletedAt: null,
      title: 'Edited on the phone',
    });
  });

  it('[P5] deleted on both sides after a delete-edited conflict: either decision leaves it deleted', async () => {
    for (const kind of ['mine', 'theirs'] as const) {
      const { phone, laptop, id, serverNote } = await collide({
        phone: retitle('Edited on the phone'),
        laptop: (d, id) => d.notes.remove(id),
      });
      await phone.notes.remove(id);
      await phone.sync();
      await laptop.sync();
      expect(await laptop.conflicts.read('notes', id)).toMatchObject({ kind: 'edit' });
      await laptop.conflicts.resolve('notes', id, { kind });
      expect(await converge([laptop, phone], serverNote, id)).toMatchObject({
        deletedAt: expect.any(Number),
      });
    }
  });

  it('a pull refreshes the conflict’s copy of the server record', async () => {
    const { phone, laptop, id } = await collide({
      phone: retitle('Phone 1'),
      laptop: retitle('Laptop 1'),
    });
    await phone.notes.update(id, { title: 'Phone 2' });
    await phone.sync();
    await laptop.sync();
    expect(await laptop.conflicts.read('notes', id)).toMatchObject({
      theirs: { title: 'Phone 2' },
      mine: { title: 'Laptop 1' },
    });
  });

  it('resolving twice (two tabs) changes nothing the second time', async () => {
    const { laptop, id } = await collide({ phone: retitle('A'), laptop: retitle('B') });
    expect(await laptop.conflicts.resolve('notes', id, { kind: 'mine' })).toBe(true);
    expect(await laptop.conflicts.resolve('notes', id, { kind: 'theirs' })).toBe(false);
    expect(await laptop.outbox()).toHaveLength(1);
  });
});
