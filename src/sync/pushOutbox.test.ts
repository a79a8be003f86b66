import { describe, expect, it } from 'vitest';
import { openTestOutpost, putSyncedNote } from '../db/testing.ts';
import type { OutboxEntry, StoredRecord } from '../db/types.ts';
import type { Mutation } from '../protocol/mutation.ts';
import type { Note } from '../model/collections.ts';
import { MAX_PUSH_MUTATIONS } from '../protocol/limits.ts';
import type { PushRequest, PushResponse, PushResult } from '../protocol/sync.ts';
import { SyncError } from '../api/errors.ts';
import { clearSettledMarkers } from '../db/markers.ts';
import { pushOutbox } from './pushOutbox.ts';
import type { SyncTransport } from './transport.ts';

/**
 * Unit tests of the push half of the engine: the server is a fake behind SyncTransport that
 * records every request and answers it as a test script says.
 */

type Device = ReturnType<typeof openTestOutpost>;
/** How the fake server answers the n-th push request (0-based). */
type Answer = (request: PushRequest, call: number) => PushResponse | Promise<PushResponse>;

const CLIENT_ID = 'test-device';
const NOW = 4_242;

const applied = (mutation: Mutation, version = 1): PushResult => ({
  id: mutation.id,
  status: 'applied',
  version,
});
const rejected = (mutation: Mutation): PushResult => ({
  id: mutation.id,
  status: 'rejected',
  error: { code: 'invalid_request', message: `${mutation.id} is not valid` },
});
const respond = (results: PushResult[]): PushResponse => ({ results, cursor: results.length });
const applyAll: Answer = (request) => respond(request.mutations.map((m) => applied(m)));

function fakeTransport(initial: Answer = applyAll) {
  const fake = {
    /** Every push request, as sent (deep copies: the engine cannot change them afterwards). */
    requests: [] as PushRequest[],
    answer: initial,
    sentIds: () => fake.requests.flatMap((request) => request.mutations.map((m) => m.id)),
    transport: {
      push: async (request: PushRequest): Promise<PushResponse> => {
        fake.requests.push(structuredClone(request));
        return fake.answer(request, fake.requests.length - 1);
      },
      pull: () => Promise.reject(new Error('pushOutbox never pulls')),
    } satisfies SyncTransport,
  };
  return fake;
}

/**
 * A push as syncOnce runs it, minus the pull (the fake has none): push, then settle the
 * unsynced markers of records with nothing left waiting.
 */
async function push(device: Device, transport: SyncTransport, batchSize?: number) {
  const result = await pushOutbox(
    device.db,
    transport,
    { clientId: CLIENT_ID },
    () => NOW,
    batchSize,
  );
  await clearSettledMarkers(device.db);
  return result;
}

/** A note as if pulled from the server at `version`, with nothing pending. */
async function syncedNote(device: Device, id: string, version = 5): Promise<Note> {
  const { pending: _pending, ...wire } = await putSyncedNote(device.db, id, version);
  return wire;
}

const NOTE_ID = '11111111-1111-4111-8111-111111111111';

async function createNotes(device: Device, count: number) {
  const notes = [];
  for (let index = 0; index < count; index++) {
    notes.push(await device.notes.create({ title: `Note ${index}` }));
  }
  return notes;
}

const mutationIds = (entries: Pick<OutboxEntry, 'mutation'>[]) =>
  entries.map((entry) => entry.mutation.id);
const pendingMarker = async (device: Device, id: string) =>
  (await device.db.records('notes').get(id))?.pending;

describe('pushOutbox: order and batches', () => {
  it('[P2] batches never exceed the batch size and keep outbox (seq) order across batches', async () => {
    const device = openTestOutpost();
    const [first] = await createNotes(device, 2);
    await device.contacts.create({ name: 'Ada' });
    await device.notes.update(first!.id, { title: 'Folded into its creation' });
    await createNotes(device, 2);
    const queued = await device.outbox();
    expect(queued).toHaveLength(5);
    const fake = fakeTransport();

    expect(await push(device, fake.transport, 2)).toEqual({ pushed: 5 });

    expect(fake.requests.map((request) => request.mutations.length)).toEqual([2, 2, 1]);
    expect(fake.sentIds()).toEqual(mutationIds(queued));
    expect(fake.requests.flatMap((request) => request.mutations)).toEqual(
      queued.map((entry) => entry.mutation),
    );
    expect(fake.requests.every((request) => request.clientId === CLIENT_ID)).toBe(true);
    expect(await device.outbox()).toEqual([]);
  });

  it('[T4] by default a request holds at most MAX_PUSH_MUTATIONS mutations', async () => {
    const device = openTestOutpost();
    const list = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, index) => ({
      title: `Imported ${index}`,
    }));
    await device.notes.createMany(list);
    const queued = await device.outbox();
    const fake = fakeTransport();

    expect(await push(device, fake.transport)).toEqual({ pushed: MAX_PUSH_MUTATIONS + 1 });

    expect(fake.requests.map((request) => request.mutations.length)).toEqual([
      MAX_PUSH_MUTATIONS,
      1,
    ]);
    expect(fake.sentIds()).toEqual(mutationIds(queued));
    expect(await device.db.records('notes').where('pending').equals(1).count()).toBe(0);
  });

  it('an empty outbox sends nothing', async () => {
    const device = openTestOutpost();
    const fake = fakeTransport();
    expect(await push(device, fake.transport)).toEqual({ pushed: 0 });
    expect(fake.requests).toEqual([]);
  });
});

describe('pushOutbox: in flight and acknowledged', () => {
  it('[M3] entries are in flight while sent, and an edit made meanwhile is queued as a second mutation, which the next push takes', async () => {
    const device = openTestOutpost();
    const note = await device.notes.create({ title: 'A' });
    const [original] = await device.outbox();
    const seen: { states: string[]; pending: number | undefined }[] = [];
    const fake = fakeTransport(async (request, call) => {
      seen.push({
        states: (await device.outbox()).map((entry) => entry.state),
        pending: await pendingMarker(device, note.id),
      });
      if (call === 0) {
        // The person edits the note while the push is on the wire.
        await device.notes.update(note.id, { title: 'B' });
        const entries = await device.outbox();
        expect(entries.map((entry) => [entry.state, entry.mutation.set?.title])).toEqual([
          ['inflight', 'A'],
          ['pending', 'B'],
        ]);
      }
      return applyAll(request, call);
    });

    // A push takes what was queued when it started; the edit made meanwhile waits for the
    // next one (the edit asked for it).
    expect(await push(device, fake.transport)).toEqual({ pushed: 1 });
    expect((await device.outbox()).map((entry) => entry.state)).toEqual(['pending']);
    expect(await push(device, fake.transport)).toEqual({ pushed: 1 });

    const [sent, second] = fake.requests.map((request) => request.mutations);
    expect(sent).toEqual([original!.mutation]);
    expect(second).toHaveLength(1);
    expect(second![0]!.id).not.toBe(original!.mutation.id);
    expect(second![0]).toMatchObject({
      recordId: note.id,
      op: 'put',
      base: { title: 'A' },
      set: { title: 'B' },
    });
    // Each request found only its own entry, in flight: the first was acknowledged (deleted)
    // before the second went, and the note stayed unsynced while the second waited.
    expect(seen).toEqual([
      { states: ['inflight'], pending: 1 },
      { states: ['inflight'], pending: 1 },
    ]);
    expect(await device.outbox()).toEqual([]);
    expect(await device.db.records('notes').get(note.id)).toMatchObject({ title: 'B', pending: 0 });
  });

  it('an acknowledged entry is deleted, and its record is marked synced once nothing else for it waits', async () => {
    const device = openTestOutpost();
    const note = await device.notes.create({ title: 'One' });
    // A tab closed while this creation was on the wire; an edit made after it queued another.
    await device.markAllSent();
    await device.notes.update(note.id, { title: 'Two' });
    const other = await device.notes.create({ title: 'Other' });
    const queued = await device.outbox();
    expect(queued.map((entry) => entry.state)).toEqual(['inflight', 'pending', 'pending']);

    const markers: { note: number | undefined; other: number | undefined; left: string[] }[] = [];
    const fake = fakeTransport(async (request, call) => {
      markers.push({
        note: await pendingMarker(device, note.id),
        other: await pendingMarker(device, other.id),
        left: mutationIds(await device.outbox()),
      });
      return applyAll(request, call);
    });

    expect(await push(device, fake.transport, 1)).toEqual({ pushed: 3 });

    // [P2] the entry left in flight goes first, then the rest in seq order.
    expect(fake.sentIds()).toEqual(mutationIds(queued));
    const [first, second, third] = mutationIds(queued);
    expect(markers).toEqual([
      { note: 1, other: 1, left: [first, second, third] },
      // The first is acknowledged and gone, but the note's second mutation still waits.
      { note: 1, other: 1, left: [second, third] },
      // The note's last mutation is acknowledged; its marker is settled after the push
      // (syncOnce does it after the pull, which brings the note back at its new version).
      { note: 1, other: 1, left: [third] },
    ]);
    expect(await pendingMarker(device, note.id)).toBe(0);
    expect(await device.outbox()).toEqual([]);
    expect(await pendingMarker(device, other.id)).toBe(0);
  });

  it("[P3] a merged result stores the server's record, with what still waits laid on top", async () => {
    const device = openTestOutpost();
    const server = await syncedNote(device, NOTE_ID);
    await device.notes.update(NOTE_ID, { title: 'Mine' });
    const merged: Note = { ...server, title: 'Mine', body: 'milk\neggs\nbread', version: 9 };
    let duringSecond: StoredRecord<'notes'> | undefined;
    const fake = fakeTransport(async (request, call) => {
      if (call === 1) {
        duringSecond = await device.db.records('notes').get(NOTE_ID);
        return applyAll(request, call);
      }
      await device.notes.update(NOTE_ID, { pinned: true });
      const [mutation] = request.mutations;
      return respond([{ id: mutation!.id, status: 'merged', version: 9, record: merged }]);
    });

    await push(device, fake.transport);
    expect(await device.db.records('notes').get(NOTE_ID)).toMatchObject({ version: 9, pending: 1 });
    await push(device, fake.transport);

    expect(duringSecond).toMatchObject({
      title: 'Mine',
      body: 'milk\neggs\nbread',
      pinned: true,
      version: 9,
      pending: 1,
    });
    expect(await device.db.records('notes').get(NOTE_ID)).toMatchObject({
      title: 'Mine',
      body: 'milk\neggs\nbread',
      pinned: true,
      version: 9,
      pending: 0,
    });
    expect(await device.outbox()).toEqual([]);
  });
});

describe('pushOutbox: refused changes and conflicts', () => {
  it('[P7] a rejected result keeps the entry as failed with its reason, and later pushes skip it', async () => {
    const device = openTestOutpost();
    const [bad, good] = await createNotes(device, 2);
    const [badEntry] = await device.outbox();
    const fake = fakeTransport((request) =>
      respond(request.mutations.map((m, i) => (i === 0 ? rejected(m) : applied(m)))),
    );

    await push(device, fake.transport);

    expect(await device.outbox()).toEqual([
      {
        ...badEntry,
        state: 'failed',
        attempts: 1,
        lastError: {
          code: 'invalid_request',
          message: `${badEntry!.mutation.id} is not valid`,
        },
      },
    ]);
    expect(await pendingMarker(device, bad!.id)).toBe(1);
    expect(await pendingMarker(device, good!.id)).toBe(0);

    // Nothing else waits: the next push sends nothing at all.
    fake.answer = applyAll;
    expect(await push(device, fake.transport)).toEqual({ pushed: 0 });
    expect(fake.requests).toHaveLength(1);

    // A later change goes out alone; the failed entry stays as it was.
    const later = await device.notes.create({ title: 'Later' });
    await push(device, fake.transport);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.mutations.map((m) => m.recordId)).toEqual([later.id]);
    expect((await device.outbox()).map((entry) => [entry.seq, entry.state])).toEqual([
      [badEntry!.seq, 'failed'],
    ]);
  });

  it('[P7] a run of failed entries longer than the batch size does not hold back the pending ones after it', async () => {
    const device = openTestOutpost();
    await createNotes(device, 5);
    const rejectAll: Answer = (request) => respond(request.mutations.map(rejected));
    const fake = fakeTransport(rejectAll);
    await push(device, fake.transport, 2);
    const failed = await device.outbox();
    expect(failed.map((entry) => entry.state)).toEqual(Array(5).fill('failed'));

    const fresh = await createNotes(device, 3);
    const waiting = (await device.outbox()).filter((entry) => entry.state === 'pending');
    fake.requests.length = 0;
    fake.answer = applyAll;

    expect(await push(device, fake.transport, 2)).toEqual({ pushed: 3 });

    expect(fake.sentIds()).toEqual(mutationIds(waiting));
    expect(fake.requests.every((request) => request.mutations.length <= 2)).toBe(true);
    expect(await device.outbox()).toEqual(failed);
    for (const note of fresh) expect(await pendingMarker(device, note.id)).toBe(0);
  });

  it("[P3] a conflict result stores the mutation and the server's record in db.conflicts", async () => {
    const device = openTestOutpost();
    const server = await syncedNote(device, NOTE_ID);
    await device.notes.update(NOTE_ID, { title: 'Mine' });
    const [entry] = await device.outbox();
    const theirs: Note = { ...server, title: 'Theirs', version: 8 };
    const fake = fakeTransport((request) =>
      respond([
        {
          id: request.mutations[0]!.id,
          status: 'conflict',
          reason: 'edit',
          fields: ['title'],
          record: theirs,
        },
      ]),
    );

    await push(device, fake.transport);

    expect(await device.db.conflicts.toArray()).toEqual([
      {
        mutationId: entry!.mutation.id,
        recordKey: `notes:${NOTE_ID}`,
        mutation: entry!.mutation,
        reason: 'edit',
        fields: ['title'],
        serverRecord: theirs,
        reportedAt: NOW,
        seq: entry!.seq,
      },
    ]);
    expect(await device.outbox()).toEqual([]);
    // The person has not decided yet: the device keeps showing its own version, unsynced.
    expect(await device.db.records('notes').get(NOTE_ID)).toMatchObject({
      title: 'Mine',
      pending: 1,
    });
  });
});

describe('pushOutbox: failures lose nothing', () => {
  it('[P1] a transport error keeps every entry, counts the attempt, and a later push resends the same mutation ids', async () => {
    const device = openTestOutpost();
    const notes = await createNotes(device, 3);
    const queued = await device.outbox();
    const offline = new SyncError('transient', 'network', 'The server could not be reached');
    const fake = fakeTransport(() => {
      throw offline;
    });

    await expect(push(device, fake.transport)).rejects.toBe(offline);

    const kept = await device.outbox();
    expect(kept.map((entry) => entry.mutation)).toEqual(queued.map((entry) => entry.mutation));
    expect(kept.map((entry) => [entry.attempts, entry.lastError])).toEqual(
      Array(3).fill([1, { code: 'network', message: 'The server could not be reached' }]),
    );
    for (const note of notes) expect(await pendingMarker(device, note.id)).toBe(1);

    // A failure that is not a SyncError is counted too.
    fake.answer = () => Promise.reject(new TypeError('fetch failed'));
    await expect(push(device, fake.transport)).rejects.toBeInstanceOf(TypeError);
    expect((await device.outbox()).map((entry) => [entry.attempts, entry.lastError])).toEqual(
      Array(3).fill([2, { code: 'unknown', message: 'TypeError: fetch failed' }]),
    );

    fake.answer = applyAll;
    expect(await push(device, fake.transport)).toEqual({ pushed: 3 });
    const ids = mutationIds(queued);
    expect(fake.requests.map((request) => request.mutations.map((m) => m.id))).toEqual([
      ids,
      ids,
      ids,
    ]);
    expect(await device.outbox()).toEqual([]);
    for (const note of notes) expect(await pendingMarker(device, note.id)).toBe(0);
  });

  it('[M3] offline before the request left: the batch is not in flight after all, no attempt is counted, and a later edit folds into it', async () => {
    const device = openTestOutpost();
    const [note] = await createNotes(device, 1);
    const queued = await device.outbox();
    const notSent = new SyncError('transient', 'offline', 'This device is offline.');
    const fake = fakeTransport(() => {
      throw notSent;
    });

    await expect(push(device, fake.transport)).rejects.toBe(notSent);

    expect(await device.outbox()).toEqual(queued);
    await device.notes.update(note!.id, { title: 'Edited offline' });
    const [only, ...more] = await device.outbox();
    expect(more).toEqual([]);
    expect(only?.mutation).toMatchObject({
      id: queued[0]?.mutation.id,
      set: { title: 'Edited offline' },
    });
  });

  it('[P2] a transport error mid-way keeps the batches not yet acknowledged, untouched', async () => {
    const device = openTestOutpost();
    await createNotes(device, 5);
    const queued = await device.outbox();
    const fake = fakeTransport((request, call) => {
      if (call === 1) throw new SyncError('transient', 'internal', 'Server error');
      return applyAll(request, call);
    });

    await expect(push(device, fake.transport, 2)).rejects.toMatchObject({ code: 'internal' });

    expect(fake.requests).toHaveLength(2);
    const kept = await device.outbox();
    expect(mutationIds(kept)).toEqual(mutationIds(queued.slice(2)));
    expect(kept.map((entry) => entry.attempts)).toEqual([1, 1, 0]);
    expect(kept[2]).toEqual(queued[4]);

    fake.answer = applyAll;
    await push(device, fake.transport, 2);
    expect(fake.sentIds().slice(4)).toEqual(mutationIds(queued.slice(2)));
    expect(await device.outbox()).toEqual([]);
  });

  it('[M3] while one batch is on the wire, an edit of a record in the next batch still folds into its entry', async () => {
    const device = openTestOutpost();
    const notes = await createNotes(device, 5);
    const fake = fakeTransport(async (request, call) => {
      if (call === 0) {
        // A while into the wait, as a person types: whatever the engine does meanwhile is done.
        await new Promise((resolve) => setTimeout(resolve, 50));
        await device.notes.update(notes[3]!.id, { title: 'Edited while sending' });
      }
      return applyAll(request, call);
    });

    expect(await push(device, fake.transport, 2)).toEqual({ pushed: 5 });

    // Five creations, one of them carrying the edit: no second mutation for the note.
    const sent = fake.requests.flatMap((request) => request.mutations);
    expect(sent).toHaveLength(5);
    expect(sent[3]).toMatchObject({
      recordId: notes[3]!.id,
      set: { title: 'Edited while sending' },
    });
    expect(await device.outbox()).toEqual([]);
  });

  it("[M3] offline before the second request left: its batch is free again and the first one's results are kept", async () => {
    const device = openTestOutpost();
    const notes = await createNotes(device, 5);
    const queued = await device.outbox();
    const fake = fakeTransport((request, call) => {
      if (call === 1) throw new SyncError('transient', 'offline', 'This device is offline.');
      return applyAll(request, call);
    });

    await expect(push(device, fake.transport, 2)).rejects.toMatchObject({ code: 'offline' });

    const kept = await device.outbox();
    expect(mutationIds(kept)).toEqual(mutationIds(queued.slice(2)));
    expect(kept.map((entry) => [entry.state, entry.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
    ]);
    await device.notes.update(notes[2]!.id, { title: 'Folded into its creation' });
    expect(await device.outbox()).toHaveLength(3);
  });

  const badAnswers: [string, Answer][] = [
    ['in another order', (request) => respond(request.mutations.map(applied).reverse())],
    ['one result short', (request) => respond(request.mutations.slice(0, -1).map(applied))],
    [
      'for another mutation',
      (request) =>
        respond(
          request.mutations.map((m, i) =>
            i === 1 ? applied({ ...m, id: '99999999-9999-4999-8999-999999999999' }) : applied(m),
          ),
        ),
    ],
  ];

  it.each(badAnswers)(
    'an answer %s throws SyncError bad_answer and loses nothing',
    async (_name, answer) => {
      const device = openTestOutpost();
      const notes = await createNotes(device, 3);
      const queued = await device.outbox();
      const fake = fakeTransport(answer);

      const failure = push(device, fake.transport);
      await expect(failure).rejects.toBeInstanceOf(SyncError);
      await expect(failure).rejects.toMatchObject({ kind: 'permanent', code: 'bad_answer' });

      const kept = await device.outbox();
      expect(kept.map((entry) => entry.mutation)).toEqual(queued.map((entry) => entry.mutation));
      for (const note of notes) expect(await pendingMarker(device, note.id)).toBe(1);

      fake.answer = applyAll;
      expect(await push(device, fake.transport)).toEqual({ pushed: 3 });
      expect(fake.requests[1]!.mutations.map((m) => m.id)).toEqual(mutationIds(queued));
    },
  );

  it('a bad answer applies none of its results, not even those that matched', async () => {
    const device = openTestOutpost();
    const server = await syncedNote(device, NOTE_ID);
    await device.notes.update(NOTE_ID, { title: 'Mine' });
    const [other] = await createNotes(device, 1);
    await device.notes.create({ title: 'Third' });
    const queued = await device.outbox();
    const fake = fakeTransport((request) => {
      const [first, second] = request.mutations;
      return respond([
        { id: first!.id, status: 'conflict', reason: 'edit', fields: ['title'], record: server },
        rejected(second!),
        applied({ ...second!, id: '99999999-9999-4999-8999-999999999999' }),
      ]);
    });

    await expect(push(device, fake.transport)).rejects.toMatchObject({ code: 'bad_answer' });

    expect(await device.db.conflicts.count()).toBe(0);
    const kept = await device.outbox();
    expect(kept.map((entry) => entry.mutation)).toEqual(queued.map((entry) => entry.mutation));
    expect(kept.some((entry) => entry.state === 'failed')).toBe(false);
    expect(await pendingMarker(device, NOTE_ID)).toBe(1);
    expect(await pendingMarker(device, other!.id)).toBe(1);
  });
});
