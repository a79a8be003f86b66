import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openOutpost } from '../db/outpost.ts';
import { OutpostDatabase } from '../db/schema.ts';
import { syncedNote } from '../db/testing.ts';
import { runSync } from '../sync/runSync.ts';
import type { SyncTransport } from '../sync/transport.ts';
import { clearDevice, unsentOnDevice } from './clearing.ts';
import { moveSignedOutData, signedOutData } from './move.ts';
import {
  accountDatabaseName,
  currentDatabase,
  DeviceRegistry,
  isCurrentDatabase,
  markSignedIn,
  markSignedOut,
  prepareDevice,
} from './registry.ts';

/** A device of its own: one fake IndexedDB for the registry and every database it names. */
function device() {
  const options = { indexedDB: new IDBFactory(), IDBKeyRange };
  return {
    registry: new DeviceRegistry(options),
    open: (name: string) => new OutpostDatabase(name, options),
  };
}

const ADA = { id: 'aaaaaaaa-0000-4000-8000-000000000001', username: 'ada' };
const BOB = { id: 'bbbbbbbb-0000-4000-8000-000000000002', username: 'bob' };

describe('the device registry: whose database is in use', () => {
  it('a fresh device is signed out, on the database named outpost', async () => {
    const { registry } = device();
    await prepareDevice(registry);
    expect(await currentDatabase(registry)).toEqual({ name: 'outpost', account: undefined });
  });

  it('each account gets a database of its own, kept when it signs out and back in', async () => {
    const { registry } = device();
    await prepareDevice(registry);
    await markSignedIn(registry, ADA);
    expect((await currentDatabase(registry)).name).toBe(accountDatabaseName(ADA.id));
    await markSignedOut(registry, undefined);
    expect((await currentDatabase(registry)).name).toBe('outpost');
    await markSignedIn(registry, BOB);
    expect((await currentDatabase(registry)).name).toBe(accountDatabaseName(BOB.id));
    await markSignedIn(registry, ADA);
    expect(await currentDatabase(registry)).toEqual({
      name: accountDatabaseName(ADA.id),
      account: { userId: ADA.id, username: 'ada', database: accountDatabaseName(ADA.id) },
    });
    expect(await isCurrentDatabase(registry, accountDatabaseName(BOB.id))).toBe(false);
  });

  it('a device from before the registry: its one database becomes the signed-in account’s, and the signed-out device gets a new one', async () => {
    const { registry, open } = device();
    const legacy = open('outpost');
    await legacy.syncState.put({ key: 'account', userId: ADA.id, username: 'ada' });
    await legacy.records('notes').put(syncedNote({ id: 'n1', title: 'Kept', version: 3 }));
    legacy.close();

    await prepareDevice(registry);

    expect(await currentDatabase(registry)).toMatchObject({
      name: 'outpost',
      account: { userId: ADA.id, database: 'outpost' },
    });
    await markSignedOut(registry, undefined);
    expect((await currentDatabase(registry)).name).toBe('outpost-signed-out');
  });
});

describe('moving what was made signed out into an account', () => {
  it('every live record becomes the account’s, with its id, as a creation to sync; the signed-out database is emptied; a second run moves nothing twice', async () => {
    const { registry, open } = device();
    await prepareDevice(registry);
    const signedOut = openOutpost({ db: open('outpost') });
    const note = await signedOut.notes.create({ title: 'Shopping', tags: ['home'] });
    const gone = await signedOut.notes.create({ title: 'Deleted' });
    await signedOut.notes.remove(gone.id);
    await signedOut.contacts.create({ name: 'Grace', email: 'grace@navy.mil' });
    await signedOut.contacts.edit('cccccccc-0000-4000-8000-000000000003', { email: 'half@' });
    // A contact with a draft counts once; a deleted one's draft stays behind with it.
    const typo = await signedOut.contacts.create({ name: 'Alan' });
    await signedOut.contacts.edit(typo.id, { email: 'alan@' });
    const dropped = await signedOut.contacts.create({ name: 'Dropped' });
    await signedOut.contacts.edit(dropped.id, { email: 'dropped@' });
    await signedOut.contacts.remove(dropped.id);
    expect(await signedOutData(registry)).toEqual({ notes: 1, contacts: 3 });

    // What the journal kept of the signed-out typing goes too: replayed there later, it would
    // make the moved records again on the device signed out.
    await signedOut.db.typing.put({
      page: 'a closed tab',
      record: `notes:${note.id}`,
      n: 1,
      at: 1,
      fields: { title: 'Shopping' },
    });
    const account = openOutpost({ db: open(accountDatabaseName(ADA.id)) });
    expect(await moveSignedOutData(registry, account)).toBe(4);

    expect(await account.db.records('notes').get(note.id)).toMatchObject({
      title: 'Shopping',
      tags: ['home'],
    });
    const outbox = await account.db.outbox.toArray();
    expect(outbox.map((entry) => entry.mutation.op)).toEqual(['put', 'put', 'put']);
    expect(outbox.every((entry) => entry.mutation.base === undefined)).toBe(true);
    const drafts = (await account.db.drafts.toArray()).map((draft) => draft.fields['email']);
    expect(drafts.sort()).toEqual(['alan@', 'half@']);
    expect(await signedOut.db.typing.count()).toBe(0);
    expect(await signedOutData(registry)).toEqual({ notes: 0, contacts: 0 });
    expect(await signedOut.db.outbox.count()).toBe(0);

    expect(await moveSignedOutData(registry, account)).toBe(0);
    expect(await account.db.outbox.count()).toBe(3);
  });
});

describe('a sync of a database no longer in use', () => {
  it('pushes and pulls nothing: the session now belongs to another account', async () => {
    const { registry, open } = device();
    await prepareDevice(registry);
    await markSignedIn(registry, ADA);
    const adas = openOutpost({ db: open(accountDatabaseName(ADA.id)) });
    await adas.db.syncState.put({ key: 'account', userId: ADA.id, username: 'ada' });
    await adas.notes.create({ title: 'Ada’s' });
    await markSignedIn(registry, BOB);
    const calls: string[] = [];
    const transport: SyncTransport = {
      push: async () => (calls.push('push'), { results: [], cursor: 0 }),
      pull: async () => (calls.push('pull'), { changes: [], cursor: 0, hasMore: false }),
    };

    const result = await runSync(adas.db, transport, {
      isCurrent: () => isCurrentDatabase(registry, adas.db.name),
    });

    expect(result).toBe('signed-out');
    expect(calls).toEqual([]);
    expect(await adas.db.outbox.count()).toBe(1);
  });
});

describe('clearing the device', () => {
  it('counts what is unsent in every database, then leaves no account and no database behind', async () => {
    const { registry, open } = device();
    await prepareDevice(registry);
    // Signed out: a note typed here (queued, never sent); then Ada, kept signed out with one
    // unsent note and one synced; then Bob, signed in, with nothing unsent.
    const signedOut = openOutpost({ db: open('outpost') });
    await signedOut.notes.create({ title: 'Signed out' });
    signedOut.db.close();
    await markSignedIn(registry, ADA);
    const ada = openOutpost({ db: open(accountDatabaseName(ADA.id)) });
    await ada.notes.create({ title: 'Unsent' });
    await ada.db.records('notes').put(syncedNote({ id: 'n2', title: 'Synced' }));
    ada.db.close();
    await markSignedOut(registry, undefined);
    await markSignedIn(registry, BOB);
    open(accountDatabaseName(BOB.id)).close();

    expect(await unsentOnDevice(registry)).toBe(2);
    await clearDevice(registry);

    expect(await currentDatabase(registry)).toEqual({ name: 'outpost', account: undefined });
    const factory = registry.databaseOptions!.indexedDB as IDBFactory;
    expect((await factory.databases()).map((database) => database.name)).toEqual([
      'outpost-device',
    ]);
    expect(await unsentOnDevice(registry)).toBe(0);
  });
});
