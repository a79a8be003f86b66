import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf, rangeOf } from '../../src/protocol/digest.ts';
import {
  DigestResponseSchema,
  RangeResponseSchema,
  type DigestResponse,
} from '../../src/protocol/sync.ts';
import {
  BACKENDS,
  mutation,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
  type Account,
} from '../server.ts';

/** Section V: the digest (V1) and the records of a range (V2), on every backend. */
describe.each(BACKENDS)('verify on %s', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await startServer(backend);
  });
  afterAll(async () => {
    await app.close();
  });

  async function digest(account: Account, through: number): Promise<DigestResponse> {
    const response = await syncRequest(app, account, {
      method: 'GET',
      url: `/api/sync/digest?through=${through}`,
    });
    expect(response.statusCode).toBe(200);
    return DigestResponseSchema.parse(response.json());
  }

  async function range(account: Account, query: string) {
    const response = await syncRequest(app, account, {
      method: 'GET',
      url: `/api/sync/range?${query}`,
    });
    expect(response.statusCode).toBe(200);
    return RangeResponseSchema.parse(response.json());
  }

  /** An account with `count` notes, one deleted, and one contact. */
  async function accountWithRecords(count: number) {
    const account = await signUp(app);
    const notes = Array.from({ length: count }, (_, index) => newNote({ title: `Note ${index}` }));
    await push(
      app,
      account,
      notes.map((note) => note.create),
    );
    const deleted = notes[0]!;
    await push(app, account, [
      mutation({ recordId: deleted.recordId, op: 'delete', baseVersion: 1 }),
    ]);
    await push(app, account, [
      mutation({ recordId: crypto.randomUUID(), collection: 'contacts', set: { name: 'Ada' } }),
    ]);
    return { account, notes, deleted };
  }

  it('[V1] the digest is computed over live records as a device computes it from a full pull', async () => {
    const { account, deleted } = await accountWithRecords(40);
    const everything = await pull(app, account, 0, 1000);
    const answer = await digest(account, everything.cursor);
    expect(answer.cursor).toBe(everything.cursor);
    const live = (collection: string) =>
      everything.changes
        .filter((change) => change.collection === collection && change.record.deletedAt === null)
        .map(({ record }) => ({ id: record.id, version: record.version }));
    expect(answer.collections?.notes).toEqual(await digestOf(live('notes')));
    expect(answer.collections?.contacts).toEqual(await digestOf(live('contacts')));
    expect(answer.collections?.notes?.count).toBe(39);
    const deletedRange = answer.collections?.notes?.ranges.find(
      (digest) => digest.range === rangeOf(deleted.recordId),
    );
    expect(deletedRange?.count ?? 0).toBe(
      live('notes').filter((entry) => rangeOf(entry.id) === rangeOf(deleted.recordId)).length,
    );
  });

  it('[V1] a device behind the server is told to pull first: no digest, and the cursor to reach', async () => {
    const { account } = await accountWithRecords(3);
    const { cursor } = await pull(app, account, 0);
    expect(await digest(account, cursor - 1)).toEqual({
      cursor,
      purgedThrough: 0,
      collections: null,
    });
    expect((await digest(account, cursor)).collections).not.toBeNull();
  });

  it('[V1] an account with no records has empty digests for every collection', async () => {
    const account = await signUp(app);
    expect(await digest(account, 0)).toEqual({
      cursor: 0,
      purgedThrough: 0,
      collections: {
        notes: { count: 0, maxVersion: 0, ranges: [] },
        contacts: { count: 0, maxVersion: 0, ranges: [] },
      },
    });
  });

  it('[V2] a range holds its records in id order, deleted ones too, page by page', async () => {
    const { account, deleted } = await accountWithRecords(30);
    const name = rangeOf(deleted.recordId);
    const all = await pull(app, account, 0, 1000);
    const expected = all.changes
      .filter((change) => change.collection === 'notes' && rangeOf(change.record.id) === name)
      .map((change) => change.record.id)
      .sort();
    const first = await range(account, `collection=notes&range=${name}&limit=1`);
    expect(first.changes.map((change) => change.record.id)).toEqual(expected.slice(0, 1));
    expect(first.hasMore).toBe(expected.length > 1);
    const whole = await range(account, `collection=notes&range=${name}`);
    expect(whole.changes.map((change) => change.record.id)).toEqual(expected);
    expect(whole.changes.find((c) => c.record.id === deleted.recordId)?.record.deletedAt).not.toBe(
      null,
    );
    const rest = await range(
      account,
      `collection=notes&range=${name}&after=${expected[0]!}&limit=1000`,
    );
    expect(rest.changes.map((change) => change.record.id)).toEqual(expected.slice(1));
  });

  it("[V2] the first (00) and last (ff) ranges hold exactly their records; never another account's", async () => {
    const account = await signUp(app);
    const stranger = await signUp(app);
    const id = (prefix: string) => `${prefix}${crypto.randomUUID().slice(2)}`;
    const ids = [id('00'), id('00'), id('01'), id('fe'), id('ff'), id('ff')];
    await push(
      app,
      account,
      ids.map((recordId) => mutation({ recordId, set: { title: recordId } })),
    );
    await push(app, stranger, [mutation({ recordId: id('ff'), set: { title: 'Not yours' } })]);
    for (const name of ['00', 'ff']) {
      const mine = await range(account, `collection=notes&range=${name}`);
      expect(mine.changes.map((change) => change.record.id)).toEqual(
        ids.filter((each) => each.startsWith(name)).sort(),
      );
    }
    expect((await range(account, 'collection=notes&range=80')).changes).toEqual([]);
  });

  it('[V2][T3] a malformed range query is a 400 naming the problem', async () => {
    const account = await signUp(app);
    for (const query of [
      'collection=notes&range=AB',
      'collection=notes&range=abc',
      'collection=notes&range=g0',
      'collection=nope&range=ab',
      'collection=notes&range=ab&after=not-an-id',
      'collection=notes&range=ab&limit=0',
      'collection=notes&range=ab&limit=5000',
      'collection=notes',
    ]) {
      const response = await syncRequest(app, account, {
        method: 'GET',
        url: `/api/sync/range?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
    const digestResponse = await syncRequest(app, account, {
      method: 'GET',
      url: '/api/sync/digest?through=-1',
    });
    expect(digestResponse.statusCode).toBe(400);
  });
});
