import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Note } from '../../src/model/collections.ts';
import type { Mutation } from '../../src/protocol/mutation.ts';
import { PushResponseSchema } from '../../src/protocol/sync.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountWithNote,
  BACKENDS,
  edit,
  concurrentEdits,
  mutation,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
  type Account,
} from '../server.ts';

describe.each(BACKENDS)('push on %s', (backend) => {
  let app: FastifyInstance;
  let me: Account;
  // Each test signs up a user of its own: on a shared PostgreSQL, tests never see each other's data.
  beforeAll(async () => {
    app = await startServer(backend);
    me = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const history = async (recordId: string, account = me) =>
    (
      await syncRequest(app, account, {
        method: 'GET',
        url: `/api/sync/history?collection=notes&id=${recordId}`,
      })
    ).json<{ entries: { version: number; previous: Record<string, unknown>; op: string }[] }>()
      .entries;

  it('[M1] a put of an absent record creates it; [R4] each change takes the next version', async () => {
    const account = await signUp(app);
    const a = newNote();
    const b = newNote();
    const { results, cursor } = await push(app, account, [a.create, b.create]);
    expect(results).toEqual([
      { id: a.create.id, status: 'applied', version: 1 },
      { id: b.create.id, status: 'applied', version: 2 },
    ]);
    expect(cursor).toBe(2);
    const { changes } = await pull(app, account);
    expect(changes[0]?.record).toMatchObject({
      id: a.recordId,
      title: 'A note',
      version: 1,
      deletedAt: null,
      tags: [],
    });
  });

  it('[R1] text limits count characters: 500 emoji make a valid title, 501 do not', async () => {
    const account = await signUp(app);
    const fits = newNote({ title: '😀'.repeat(500), body: '𠜎'.repeat(10), pinned: false });
    const over = newNote({ title: '😀'.repeat(501), body: '', pinned: false });
    const { results } = await push(app, account, [fits.create, over.create]);
    expect(results[0]).toMatchObject({ status: 'applied' });
    expect(results[1]).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid_mutation', message: 'set.title: A title has at most 500 characters' },
    });
    const badName = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'd', deviceName: '📱'.repeat(64), mutations: [newNote().create] },
    });
    expect(badName.statusCode).toBe(200);
    const longName = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'd', deviceName: '📱'.repeat(65), mutations: [newNote().create] },
    });
    expect(longName.statusCode).toBe(400);
  });

  it('[P1] a replayed mutation gets its first result and changes nothing', async () => {
    const account = await signUp(app);
    const note = newNote();
    const first = await push(app, account, [note.create]);
    const titleEdit = edit(note.recordId, { title: 'A note' }, { title: 'Edited' });
    await push(app, account, [titleEdit]);
    const again = await push(app, account, [note.create, titleEdit]);
    expect(again.results[0]).toEqual(first.results[0]);
    expect(again.cursor).toBe(2);
    const { changes } = await pull(app, account);
    expect(changes.map((change) => [(change.record as Note).title, change.record.version])).toEqual(
      [['Edited', 2]],
    );
    expect(await history(note.recordId, account)).toHaveLength(2);
  });

  it('[P1] the same id twice in one batch is applied once', async () => {
    const account = await signUp(app);
    const recordId = randomUUID();
    const contact = mutation({ recordId, collection: 'contacts', set: { name: 'Ada' } });
    const tap = mutation({
      recordId,
      collection: 'contacts',
      baseVersion: 1,
      base: {},
      inc: { timesContacted: 1 },
    });
    const { results } = await push(app, account, [contact, tap, tap]);
    expect(results[1]).toEqual(results[2]);
    const { changes } = await pull(app, account);
    expect(changes[0]?.record).toMatchObject({ timesContacted: 1 });
  });

  it('[P2] mutations are processed in array order', async () => {
    const account = await signUp(app);
    const note = newNote();
    const edits = ['one', 'two', 'three'].map((title, index) =>
      mutation({
        recordId: note.recordId,
        baseVersion: index + 1,
        base: { title: index === 0 ? 'A note' : ['one', 'two'][index - 1]! },
        set: { title },
      }),
    );
    const { results } = await push(app, account, [note.create, ...edits]);
    expect(results.map((result) => ('version' in result ? result.version : result.status))).toEqual(
      [1, 2, 3, 4],
    );
    const { changes } = await pull(app, account);
    expect((changes[0]?.record as Note | undefined)?.title).toBe('three');
  });

  it('[P3] a stale base on a changed field is a conflict (edit) and nothing of it is applied', async () => {
    const { account, note } = await accountWithNote(app);
    await push(
      app,
      account,
      [edit(note.recordId, { title: 'A note' }, { title: 'Device A' })],
      'a',
    );
    const stale = edit(
      note.recordId,
      { title: 'A note', pinned: false },
      { title: 'Device B', pinned: true },
    );
    const { results } = await push(app, account, [stale], 'b');
    expect(results[0]).toMatchObject({
      status: 'conflict',
      reason: 'edit',
      fields: ['title'],
      record: { title: 'Device A', pinned: false, version: 2 },
    });
    expect((await pull(app, account)).changes[0]?.record).toMatchObject({
      title: 'Device A',
      pinned: false,
    });
  });

  it('[P3] edits of different fields merge without a conflict', async () => {
    const { account, note } = await accountWithNote(app);
    await push(
      app,
      account,
      [edit(note.recordId, { title: 'A note' }, { title: 'New title' })],
      'a',
    );
    const other = edit(note.recordId, { pinned: false }, { pinned: true });
    const { results } = await push(app, account, [other], 'b');
    expect(results[0]).toMatchObject({ status: 'applied', version: 3 });
    expect((await pull(app, account)).changes[0]?.record).toMatchObject({
      title: 'New title',
      pinned: true,
    });
  });

  it('[P3] text edits of different lines merge line by line (merged, with the record)', async () => {
    const { account, note } = await accountWithNote(app, {
      title: 't',
      body: 'one\ntwo\nthree',
      pinned: false,
    });
    const base = { body: 'one\ntwo\nthree' };
    const result = await concurrentEdits(
      app,
      account,
      note.recordId,
      base,
      { body: 'ONE\ntwo\nthree' },
      { body: 'one\ntwo\nTHREE' },
    );
    expect(result).toMatchObject({
      status: 'merged',
      version: 3,
      record: { body: 'ONE\ntwo\nTHREE' },
    });
  });

  it('[P3] overlapping text edits are a conflict', async () => {
    const { account, note } = await accountWithNote(app, {
      title: 't',
      body: 'one\ntwo',
      pinned: false,
    });
    const base = { body: 'one\ntwo' };
    const result = await concurrentEdits(
      app,
      account,
      note.recordId,
      base,
      { body: 'uno\ntwo' },
      { body: 'eins\ntwo' },
    );
    expect(result).toMatchObject({ status: 'conflict', reason: 'edit', fields: ['body'] });
  });

  it('[P3] latest-wins: the later clientTime takes the field, the result is merged, and history keeps the loser', async () => {
    const account = await signUp(app);
    const settings = await syncRequest(app, account, {
      method: 'PUT',
      url: '/api/sync/settings',
      payload: { conflictStrategy: { notes: 'latest-wins', contacts: 'ask' } },
    });
    expect(settings.statusCode).toBe(200);
    const note = newNote();
    // Created before both edits, by the devices' clocks too (a field keeps its latest clock).
    await push(app, account, [{ ...note.create, clientTime: 500 }]);
    await push(
      app,
      account,
      [
        mutation({
          recordId: note.recordId,
          baseVersion: 1,
          base: { title: 'A note' },
          set: { title: 'Earlier' },
          clientTime: 1_000,
        }),
      ],
      'a',
    );
    const later = mutation({
      recordId: note.recordId,
      baseVersion: 1,
      base: { title: 'A note' },
      set: { title: 'Later' },
      clientTime: 2_000,
    });
    const { results } = await push(app, account, [later], 'b');
    expect(results[0]).toMatchObject({ status: 'merged', record: { title: 'Later' } });
    // The earlier device is told, at its next pull, that its title was overruled (issue 13).
    const overruled = { title: { clientId: 'a', version: 3 } };
    expect((await pull(app, account)).changes[0]).toMatchObject({ replaced: overruled });
    const entries = await history(note.recordId, account);
    expect(entries[0]).toMatchObject({ previous: { title: 'Earlier' } });
    // An older edit arriving late loses: the record keeps its version, and the history keeps
    // the losing value (lost), newest first, so nothing is silently lost.
    const old = mutation({
      recordId: note.recordId,
      baseVersion: 1,
      base: { title: 'A note' },
      set: { title: 'Oldest' },
      clientTime: 600,
    });
    expect((await push(app, account, [old], 'c')).results[0]).toMatchObject({
      status: 'merged',
      version: 3,
      record: { title: 'Later', version: 3 },
      // Its own title lost: the pushing device is told in the answer.
      lost: ['title'],
    });
    // Still said at the next pull while the title keeps the overruling value…
    expect((await pull(app, account)).changes[0]).toMatchObject({ replaced: overruled });
    const [lost, overwrite] = await history(note.recordId, account);
    expect(lost).toMatchObject({
      version: 3,
      clientId: 'c',
      previous: {},
      lost: { title: 'Oldest' },
    });
    expect(overwrite).toMatchObject({ version: 3, previous: { title: 'Earlier' } });
    expect(overwrite).not.toHaveProperty('lost');
    // …and no longer once the title changes again.
    await push(app, account, [edit(note.recordId, { title: 'Later' }, { title: 'Agreed' })], 'a');
    expect((await pull(app, account)).changes[0]).not.toHaveProperty('replaced');
  });

  it('[P4] a put on a deleted record is a conflict (deleted); a restore undeletes it', async () => {
    const { account, note } = await accountWithNote(app);
    const base = { title: 'A note', body: 'line one\nline two', pinned: false };
    await push(app, account, [
      mutation({ recordId: note.recordId, op: 'delete', baseVersion: 1, base }),
    ]);
    const put = edit(note.recordId, { title: 'A note' }, { title: 'x' });
    expect((await push(app, account, [put])).results[0]).toMatchObject({
      status: 'conflict',
      reason: 'deleted',
      record: { deletedAt: expect.any(Number) },
    });
    const restore = mutation({
      recordId: note.recordId,
      op: 'restore',
      baseVersion: 2,
      base: { title: 'A note' },
      set: { title: 'Back' },
    });
    expect((await push(app, account, [restore])).results[0]).toMatchObject({ status: 'applied' });
    expect((await pull(app, account)).changes[0]?.record).toMatchObject({
      deletedAt: null,
      title: 'Back',
    });
  });

  it('[P5] a delete whose base differs from the current values is a conflict (delete-edited)', async () => {
    const { account, note } = await accountWithNote(app);
    await push(
      app,
      account,
      [edit(note.recordId, { title: 'A note' }, { title: 'Edited elsewhere' })],
      'a',
    );
    const remove = mutation({
      recordId: note.recordId,
      op: 'delete',
      baseVersion: 1,
      base: { title: 'A note', body: 'line one\nline two', pinned: false },
    });
    const { results } = await push(app, account, [remove], 'b');
    expect(results[0]).toMatchObject({
      status: 'conflict',
      reason: 'delete-edited',
      fields: ['title'],
    });
    expect((await pull(app, account)).changes[0]?.record.deletedAt).toBeNull();
  });

  it('[P5] a delete with a matching base sets deletedAt, and pulls include the tombstone', async () => {
    const { account, note } = await accountWithNote(app);
    const remove = mutation({
      recordId: note.recordId,
      op: 'delete',
      baseVersion: 1,
      base: { title: 'A note', body: 'line one\nline two', pinned: false },
    });
    expect((await push(app, account, [remove])).results[0]).toMatchObject({
      status: 'applied',
      version: 2,
    });
    const { changes } = await pull(app, account, 1);
    expect(changes).toEqual([
      {
        collection: 'notes',
        record: expect.objectContaining({
          id: note.recordId,
          deletedAt: expect.any(Number),
          title: 'A note',
        }),
      },
    ]);
  });

  it('[P6] counter taps from two devices all count; [R3] a concurrent add wins over a remove', async () => {
    const account = await signUp(app);
    const recordId = randomUUID();
    await push(app, account, [
      mutation({ recordId, collection: 'contacts', set: { name: 'Ada' }, add: { tags: ['x'] } }),
    ]);
    const tapA = mutation({
      recordId,
      collection: 'contacts',
      baseVersion: 1,
      base: {},
      inc: { timesContacted: 2 },
    });
    const tapB = mutation({
      recordId,
      collection: 'contacts',
      baseVersion: 1,
      base: {},
      inc: { timesContacted: 3 },
    });
    await push(app, account, [tapA], 'a');
    await push(app, account, [tapB], 'b');
    // Device A re-adds "y" (new) while device B, which saw only version 1, removes "x" and "y".
    await push(
      app,
      account,
      [
        mutation({
          recordId,
          collection: 'contacts',
          baseVersion: 3,
          base: {},
          add: { tags: ['y'] },
        }),
      ],
      'a',
    );
    await push(
      app,
      account,
      [
        mutation({
          recordId,
          collection: 'contacts',
          baseVersion: 1,
          base: {},
          remove: { tags: ['x', 'y'] },
        }),
      ],
      'b',
    );
    const { changes } = await pull(app, account);
    expect(changes[0]?.record).toMatchObject({ timesContacted: 5, tags: ['y'] });
  });

  it('[P6] inc, add and remove on a deleted record are a conflict (deleted)', async () => {
    const account = await signUp(app);
    const recordId = randomUUID();
    await push(app, account, [
      mutation({ recordId, collection: 'contacts', set: { name: 'Ada' } }),
    ]);
    const base = { name: 'Ada', email: '', phone: '', company: '', notes: '', favorite: false };
    await push(app, account, [
      mutation({ recordId, collection: 'contacts', op: 'delete', baseVersion: 1, base }),
    ]);
    const tap = mutation({
      recordId,
      collection: 'contacts',
      baseVersion: 1,
      base: {},
      inc: { timesContacted: 1 },
    });
    expect((await push(app, account, [tap])).results[0]).toMatchObject({
      status: 'conflict',
      reason: 'deleted',
    });
  });

  it('[P7] an invalid mutation is rejected and the rest of the batch is unaffected', async () => {
    const account = await signUp(app);
    const good = newNote();
    const bad = [
      mutation({ recordId: randomUUID(), set: { title: 'x'.repeat(501) } }),
      mutation({ recordId: randomUUID(), set: { colour: 'red' } }),
      mutation({ recordId: randomUUID(), set: { tags: ['a'] } }),
      mutation({ recordId: randomUUID(), collection: 'contacts', set: { email: 'x@example.com' } }),
      mutation({
        recordId: randomUUID(),
        collection: 'contacts',
        set: { name: 'A' },
        inc: { name: 1 },
      }),
    ];
    const { results } = await push(app, account, [...bad, good.create]);
    expect(results.slice(0, bad.length).map((result) => result.status)).toEqual(
      bad.map(() => 'rejected'),
    );
    for (const result of results.slice(0, bad.length)) {
      expect(result).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
    expect(results.at(-1)).toMatchObject({ status: 'applied', version: 1 });
    expect((await pull(app, account)).changes).toHaveLength(1);
  });

  it('[P7] a malformed request gets 400 and changes nothing', async () => {
    const account = await signUp(app);
    const note = newNote();
    const response = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'd', mutations: [note.create, { ...note.create, id: 'not-a-uuid' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.length).toBeGreaterThan(0);
    expect((await pull(app, account)).changes).toEqual([]);
  });

  it('[R2] an id in another spelling than canonical lower case is refused, never a second identity', async () => {
    const account = await signUp(app);
    const note = newNote();
    await push(app, account, [note.create]);
    const shouted = { ...note.create, id: randomUUID(), recordId: note.recordId.toUpperCase() };
    const response = await syncRequest(app, account, {
      method: 'POST',
      url: '/api/sync/push',
      payload: { clientId: 'd', mutations: [shouted] },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('lower case');
    expect((await pull(app, account)).changes.map((change) => change.record.id)).toEqual([
      note.recordId,
    ]);
  });

  it('[P9] clientId is only a label: any value works and grants nothing', async () => {
    const note = newNote();
    expect((await push(app, me, [note.create], 'anything at all')).results[0]?.status).toBe(
      'applied',
    );
    expect((await history(note.recordId))[0]).toMatchObject({ clientId: 'anything at all' });
  });

  it('[P9] a device name is a label beside the record: in pulls, conflicts and history, never a field', async () => {
    const { account, note } = await accountWithNote(app);
    const named = (deviceName: string | undefined, mutations: Mutation[], clientId: string) =>
      syncRequest(app, account, {
        method: 'POST',
        url: '/api/sync/push',
        payload: { clientId, mutations, ...(deviceName === undefined ? {} : { deviceName }) },
      });
    const phone = edit(note.recordId, { title: 'A note' }, { title: 'From the phone' });
    expect((await named('Phone', [phone], 'a')).statusCode).toBe(200);
    const change = (await pull(app, account)).changes[0];
    expect(change).toMatchObject({ changedBy: 'Phone', record: { title: 'From the phone' } });
    expect(change?.record).not.toHaveProperty('changedBy');

    // The laptop's stale edit collides: the conflict says whose change it met.
    const stale = edit(note.recordId, { title: 'A note' }, { title: 'From the laptop' });
    const answer = PushResponseSchema.parse((await named('Laptop', [stale], 'b')).json());
    expect(answer.results[0]).toMatchObject({ status: 'conflict', changedBy: 'Phone' });
    expect((await history(note.recordId, account))[0]).toMatchObject({ deviceName: 'Phone' });

    // A push without a name leaves none: the record's last change is of an unnamed device.
    const later = edit(note.recordId, { title: 'From the phone' }, { title: 'Unnamed' });
    expect((await named(undefined, [later], 'c')).statusCode).toBe(200);
    expect((await pull(app, account)).changes[0]).not.toHaveProperty('changedBy');
    expect((await history(note.recordId, account))[0]).not.toHaveProperty('deviceName');

    // Blank, control characters or too long: refused as malformed, nothing applied.
    const refused = edit(note.recordId, { title: 'Unnamed' }, { title: 'Refused' });
    for (const bad of ['   ', 'Tab\there', 'x'.repeat(65)]) {
      expect((await named(bad, [refused], 'd')).statusCode).toBe(400);
    }
    expect((await pull(app, account)).changes[0]?.record).toMatchObject({ title: 'Unnamed' });
  });

  it('[P3] a decision on a conflict that replaces another device’s value says so beside the record', async () => {
    const { account, note } = await accountWithNote(app);
    await push(app, account, [edit(note.recordId, { title: 'A note' }, { title: 'Phone' })], 'a');
    // The laptop saw the phone's title (its base) and decided for its own: a decision.
    const decided = edit(
      note.recordId,
      { title: 'Phone' },
      { title: 'Laptop' },
      {
        baseVersion: 2,
        decided: ['title'],
      },
    );
    expect((await push(app, account, [decided], 'b')).results[0]?.status).toBe('applied');
    expect((await pull(app, account)).changes[0]).toMatchObject({
      replaced: { title: { clientId: 'a', version: 3 } },
    });
    // Once the phone writes the title again, that is over; and an ordinary edit of a value its
    // device saw, as the laptop's next one, overrules nobody: nothing is said.
    await push(app, account, [edit(note.recordId, { title: 'Laptop' }, { title: 'Later' })], 'a');
    await push(app, account, [edit(note.recordId, { title: 'Later' }, { title: 'Last' })], 'b');
    expect((await pull(app, account)).changes[0]).toMatchObject({ record: { title: 'Last' } });
    expect((await pull(app, account)).changes[0]).not.toHaveProperty('replaced');
  });
});
