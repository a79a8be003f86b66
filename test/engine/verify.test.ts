import { describe, expect, it } from 'vitest';
import { readCursor } from '../../src/db/pulled.ts';
import { DEFAULT_RETENTION, purgeExpired } from '../../src/server/storage/purge.ts';
import { checkSync } from '../../src/sync/checkSync.ts';
import { pullChanges } from '../../src/sync/pullChanges.ts';
import type { SyncTransport } from '../../src/sync/transport.ts';
import { readVerified, verifySync } from '../../src/sync/verify.ts';
import { BACKENDS, pull, signUp, type Account } from '../server.ts';
import { engineServer, type EngineDevice } from './devices.ts';

/**
 * [V3] A device checks itself against the server and repairs what differs, on every backend:
 * divergences are planted straight into its IndexedDB, as a bug or a broken disk would leave
 * them, with nothing in the outbox to tell.
 */
describe.each(BACKENDS)('[V3] verifying a device against the server on %s', (backend) => {
  const server = engineServer({ backend });

  /** A device with its transport (to call the engine's steps directly). */
  function deviceOf(account: Account): { device: EngineDevice; transport: SyncTransport } {
    let transport: SyncTransport | undefined;
    const device = server.device(account, (http) => (transport = http));
    return { device, transport: transport! };
  }

  const verifying = (transport: SyncTransport) => ({ ...transport, verify: transport.verify! });

  /** An account whose server holds `count` notes, written and synced by a first device. */
  async function accountWithNotes(count: number) {
    const account = await signUp(server.app());
    const writer = deviceOf(account).device;
    await writer.notes.createMany(
      Array.from({ length: count }, (_, index) => ({ title: `Note ${index}`, body: 'text' })),
    );
    await writer.sync();
    return account;
  }

  async function serverNotes(account: Account) {
    const { changes } = await pull(server.app(), account, 0, 1000);
    return new Map(changes.map(({ record }) => [record.id, record]));
  }

  it('runs after a first (full) pull and finds the device in sync', async () => {
    const account = await accountWithNotes(25);
    const { device } = deviceOf(account);
    const result = await device.sync();
    expect(result?.verified).toMatchObject({ checked: 25, repaired: 0, resent: 0, ranges: [] });
    expect(await readVerified(device.db)).toMatchObject({ checked: 25, repaired: 0 });
  });

  it('finds and repairs a planted divergence: stale, missing, undeleted and unknown records', async () => {
    const account = await accountWithNotes(30);
    const { device, transport } = deviceOf(account);
    await device.sync();
    const table = device.db.records('notes');
    const [first, missing, deleted] = await table.orderBy('id').limit(3).toArray();
    await device.notes.update(first!.id, { title: 'A later title' });
    await device.notes.remove(deleted!.id);
    await device.sync();
    const stale = await table.get(first!.id);
    // Edited after its creation, so the server holds it at a version above 1.
    expect(stale!.version).toBeGreaterThan(1);
    // The divergence: an older copy, a record gone, a tombstone alive again, and a record the
    // server never had, all marked as synced.
    await table.put({ ...stale!, title: 'An older title', version: 1 });
    await table.delete(missing!.id);
    await table.put({ ...(await table.get(deleted!.id))!, deletedAt: null });
    const unknown = { ...stale!, id: crypto.randomUUID(), title: 'Only on this device' };
    await table.put(unknown);

    // Check sync runs only on a device that knows who is signed in (runSync).
    await device.db.syncState.put({
      key: 'account',
      userId: account.userId,
      username: account.username,
    });
    const result = await checkSync(device.db, transport);
    expect(result).toMatchObject({ repaired: 3, resent: 1 });
    const held = await table.toArray();
    const theirs = await serverNotes(account);
    expect(theirs.get(unknown.id)?.title).toBe('Only on this device');
    // Now every record here is the server's, field for field.
    for (const record of held) {
      // listGroup is the device's own list index (db/listIndex.ts), not a field of the record.
      const {
        pending,
        listGroup: _listGroup,
        ...fields
      } = record as typeof record & {
        listGroup?: number;
      };
      expect(pending).toBe(0);
      expect(fields).toEqual(theirs.get(record.id));
    }
    expect(held.map((record) => record.id).sort()).toEqual([...theirs.keys()].sort());
    expect((await table.get(first!.id))?.title).toBe('A later title');
    const again = await checkSync(device.db, transport);
    expect(again).toMatchObject({ checked: 30, repaired: 0, resent: 0, ranges: [] });
  });

  it("sends back a synced copy newer than the server's (the server lost changes), not overwriting it", async () => {
    const account = await accountWithNotes(3);
    const { device, transport } = deviceOf(account);
    await device.sync();
    const table = device.db.records('notes');
    const [note] = await table.orderBy('id').limit(1).toArray();
    // As if the server were restored from a backup older than this device's last two edits.
    await table.put({
      ...note!,
      title: 'Written after the backup',
      tags: ['kept'],
      version: note!.version + 2,
    });
    const report = await verifySync(device.db, verifying(transport));
    expect(report).toMatchObject({ repaired: 0, resent: 1 });
    expect((await table.get(note!.id))?.title).toBe('Written after the backup');
    await device.sync();
    const theirs = (await serverNotes(account)).get(note!.id);
    expect(theirs).toMatchObject({ title: 'Written after the backup', tags: ['kept'] });
    expect((await verifySync(device.db, verifying(transport))).ranges).toEqual([]);
  });

  it('[L4] is not misled by tombstones the server purged that the device still holds', async () => {
    const account = await accountWithNotes(6);
    const { device, transport } = deviceOf(account);
    await device.sync();
    const [gone] = await device.db.records('notes').orderBy('id').limit(1).toArray();
    await device.notes.remove(gone!.id);
    await device.sync();
    const later = Date.now() + 365 * 24 * 60 * 60 * 1000;
    await purgeExpired(server.app().outpostDatabase.db, DEFAULT_RETENTION, later, account.userId);
    expect((await serverNotes(account)).has(gone!.id)).toBe(false);
    const report = await verifySync(device.db, verifying(transport));
    expect(report).toMatchObject({ checked: 5, repaired: 0, resent: 0, ranges: [] });
  });

  it('leaves the ranges of records with unsent changes alone, and says how many there are', async () => {
    const account = await accountWithNotes(10);
    const { device, transport } = deviceOf(account);
    await device.sync();
    const table = device.db.records('notes');
    const [edited] = await table.orderBy('id').limit(1).toArray();
    await device.notes.update(edited!.id, { title: 'Typed offline' });
    // A stale neighbour in the same range: not compared while the range has something unsent.
    const neighbour = {
      ...edited!,
      id: `${edited!.id.slice(0, 2)}${crypto.randomUUID().slice(2)}`,
    };
    await table.put({ ...neighbour, title: 'Planted', pending: 0 });
    const report = await verifySync(device.db, verifying(transport));
    expect(report.unsent).toBe(1);
    expect(report.checked).toBe(9);
    expect(report).toMatchObject({ repaired: 0, resent: 0 });
    expect((await table.get(edited!.id))?.title).toBe('Typed offline');
    expect((await table.get(neighbour.id))?.title).toBe('Planted');
  });

  it('[L4] drops a record whose deletion was purged, even after a pull from 0 that kept it', async () => {
    const account = await accountWithNotes(4);
    const { device, transport } = deviceOf(account);
    await device.sync();
    const [gone] = await device.db.records('notes').orderBy('id').limit(1).toArray();
    const other = deviceOf(account).device;
    await other.sync();
    await other.notes.remove(gone!.id);
    await other.sync();
    const later = Date.now() + 365 * 24 * 60 * 60 * 1000;
    await purgeExpired(server.app().outpostDatabase.db, DEFAULT_RETENTION, later, account.userId);
    // A pull from 0 that is not a resync (a new schema version pulls again from 0) returns
    // everything the server has and keeps what it did not return.
    await device.db.syncState.delete('cursor');
    await pullChanges(device.db, transport);
    expect((await device.db.records('notes').get(gone!.id))?.deletedAt).toBeNull();
    const report = await verifySync(device.db, verifying(transport));
    expect(report).toMatchObject({ repaired: 1, resent: 0 });
    expect(await device.db.records('notes').get(gone!.id)).toBeUndefined();
    expect((await serverNotes(account)).has(gone!.id)).toBe(false);
  });

  it('pulls first when the server moved on since the device last pulled, then compares', async () => {
    const account = await accountWithNotes(5);
    const { device, transport } = deviceOf(account);
    await device.sync();
    const other = deviceOf(account).device;
    await other.sync();
    await other.notes.create({ title: 'Written meanwhile' });
    await other.sync();
    const before = await readCursor(device.db);
    const report = await verifySync(device.db, verifying(transport));
    expect(await readCursor(device.db)).toBeGreaterThan(before);
    expect(report).toMatchObject({ checked: 6, repaired: 0, resent: 0 });
  });
});
