import { describe, expect, it } from 'vitest';
import { SyncError } from '../../src/api/errors.ts';
import { discardFailed, retryFailed } from '../../src/sync/failed.ts';
import { engineServer } from './devices.ts';
import { pull, signUp, syncRequest, type Account } from '../server.ts';

/**
 * The device's sync engine (src/sync, the code the page and the service worker run) against
 * the real server over HTTP, with devices on fake IndexedDB.
 */
describe('sync engine against the server', () => {
  const server = engineServer({ faults: true });
  const device = (account: Account) => server.device(account);
  const faults = server.faults;

  it('offline edits reach the server on sync, and the device ends with nothing pending', async () => {
    const account = await signUp(server.app());
    const phone = device(account);
    const note = await phone.notes.create({ title: 'Draft', tags: ['home'] });
    await phone.notes.update(note.id, { title: 'Groceries', body: 'milk' });
    const contact = await phone.contacts.create({ name: 'Ada' });
    await phone.contacts.increment(contact.id, 'timesContacted', 2);
    await phone.notes.remove((await phone.notes.create({ title: 'Gone' })).id);

    expect(await phone.sync()).toMatchObject({ pushed: 3 });
    const records = (await pull(server.app(), account)).changes.map((change) => change.record);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: note.id, title: 'Groceries', body: 'milk', tags: ['home'] }),
        expect.objectContaining({ id: contact.id, timesContacted: 2 }),
        expect.objectContaining({ title: 'Gone', deletedAt: expect.any(Number) }),
      ]),
    );
    expect(await phone.outbox()).toEqual([]);
    expect(await phone.db.records('notes').get(note.id)).toMatchObject({
      pending: 0,
      version: 1,
      title: 'Groceries',
    });
  });

  it("a second device receives the first device's records by pulling", async () => {
    const account = await signUp(server.app());
    const phone = device(account);
    const laptop = device(account);
    const note = await phone.notes.create({ title: 'From the phone' });
    await phone.sync();
    expect(await laptop.sync()).toMatchObject({ pulled: 1 });
    expect(await laptop.db.records('notes').get(note.id)).toMatchObject({
      title: 'From the phone',
      pending: 0,
      version: 1,
    });
  });

  it('[P3] a colliding edit becomes a conflict entry, and the device keeps showing its own version', async () => {
    const account = await signUp(server.app());
    const phone = device(account);
    const laptop = device(account);
    const note = await phone.notes.create({ title: 'Original' });
    await phone.sync();
    await laptop.sync();
    await phone.notes.update(note.id, { title: 'Phone title' });
    await laptop.notes.update(note.id, { title: 'Laptop title' });
    await phone.sync();
    await laptop.sync();
    const [conflict] = await laptop.db.conflicts.toArray();
    expect(conflict).toMatchObject({
      reason: 'edit',
      fields: ['title'],
      serverRecord: { title: 'Phone title' },
    });
    expect(await laptop.db.records('notes').get(note.id)).toMatchObject({
      title: 'Laptop title',
      pending: 1,
    });
    expect(await laptop.outbox()).toEqual([]);
  });

  it('[P1] an answer lost after the commit: the retry is applied once, and edits made meanwhile are not folded into it', async () => {
    const account = await signUp(server.app());
    const phone = device(account);
    const note = await phone.notes.create({ title: 'One' });
    await faults({ dropAfterCommit: 1 });
    await expect(phone.sync()).rejects.toMatchObject({ kind: 'transient' });
    expect((await phone.outbox()).map((entry) => entry.state)).toEqual(['inflight']);

    await phone.notes.update(note.id, { title: 'Two' });
    expect((await phone.outbox()).map((entry) => entry.state)).toEqual(['inflight', 'pending']);
    await phone.sync();
    const history = await syncRequest(server.app(), account, {
      method: 'GET',
      url: `/api/sync/history?collection=notes&id=${note.id}`,
    });
    expect(history.json().entries.map((entry: { version: number }) => entry.version)).toEqual([
      2, 1,
    ]);
    expect(await phone.db.records('notes').get(note.id)).toMatchObject({
      title: 'Two',
      pending: 0,
      version: 2,
    });
  });

  it('transient failures keep the outbox and count attempts; a rejected mutation is kept as failed', async () => {
    const account = await signUp(server.app());
    const phone = device(account);
    await phone.notes.create({ title: 'Kept' });
    await faults({ failNext: { count: 1, status: 503 } });
    const failure = await phone.sync().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncError);
    expect(failure).toMatchObject({ kind: 'transient', retryAfterMs: 1000 });
    expect((await phone.outbox())[0]).toMatchObject({
      attempts: 1,
      lastError: { code: 'internal' },
    });
    await phone.sync();
    expect(await phone.outbox()).toEqual([]);

    // A mutation the server refuses (here: a title over R1's limit, written past the repository).
    const note = await phone.notes.create({ title: 'ok' });
    await phone.db.outbox.toCollection().modify((entry) => {
      entry.mutation.set = { ...entry.mutation.set, title: 'x'.repeat(501) };
    });
    await phone.sync();
    expect((await phone.outbox())[0]).toMatchObject({
      state: 'failed',
      lastError: { code: 'invalid_mutation' },
    });
    expect(await phone.db.records('notes').get(note.id)).toMatchObject({ pending: 1 });
  });

  it("a refused change can be retried under a new id, or discarded to show the server's version again", async () => {
    const account = await signUp(server.app());
    const phone = device(account);
    const note = await phone.notes.create({ title: 'Server title' });
    await phone.sync();
    await phone.notes.update(note.id, { title: 'Too long soon' });
    const breakIt = () =>
      phone.db.outbox.toCollection().modify((entry) => {
        entry.mutation.set = { title: 'x'.repeat(501) };
      });
    await breakIt();
    await phone.sync();
    const [failed] = await phone.outbox();
    expect(failed).toMatchObject({ state: 'failed', lastError: { code: 'invalid_mutation' } });

    // Retry after fixing the value: it goes out under a new id (the old one's answer is stored).
    await retryFailed(phone.db, failed!.seq!, crypto.randomUUID());
    await phone.notes.update(note.id, { title: 'Fixed title' });
    await phone.sync();
    expect(await phone.outbox()).toEqual([]);
    expect((await pull(server.app(), account)).changes[0]?.record).toMatchObject({
      title: 'Fixed title',
    });

    // Discard: the device shows the server's version again.
    await phone.notes.update(note.id, { title: 'Refused again' });
    await breakIt();
    await phone.sync();
    const [again] = await phone.outbox();
    await discardFailed(phone.db, again!.seq!);
    await phone.sync();
    expect(await phone.outbox()).toEqual([]);
    expect(await phone.db.records('notes').get(note.id)).toMatchObject({
      title: 'Fixed title',
      pending: 0,
    });

    // A refused creation is discarded with its record: the server never had it.
    await phone.notes.create({ title: 'Never accepted' });
    await breakIt();
    await phone.sync();
    const [creation] = await phone.outbox();
    await discardFailed(phone.db, creation!.seq!);
    expect(await phone.db.records('notes').get(creation!.mutation.recordId)).toBeUndefined();
  });
});
