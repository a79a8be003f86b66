import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/protocol/sync.ts';
import {
  BACKENDS,
  edit,
  history,
  mutation,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
} from '../server.ts';

describe.each(BACKENDS)('pull on %s', (backend) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await startServer(backend);
  });
  afterAll(async () => {
    await app.close();
  });

  it('[L1] changes after the cursor come in version order, at most limit, with hasMore', async () => {
    const account = await signUp(app);
    const notes = Array.from({ length: 5 }, () => newNote());
    await push(
      app,
      account,
      notes.map((note) => note.create),
    );
    const first = await pull(app, account, 0, 2);
    expect(first.changes.map((change) => change.record.version)).toEqual([1, 2]);
    expect(first).toMatchObject({ cursor: 2, hasMore: true });
    const rest = await pull(app, account, first.cursor, 10);
    expect(rest.changes.map((change) => change.record.version)).toEqual([3, 4, 5]);
    expect(rest).toMatchObject({ cursor: 5, hasMore: false });
    const none = await pull(app, account, 5);
    expect(none).toEqual({ changes: [], cursor: 5, hasMore: false });
  });

  it('[L3] cursor 0 returns the whole current state, one entry per record, deleted ones included', async () => {
    const account = await signUp(app);
    const kept = newNote();
    const gone = newNote();
    await push(app, account, [kept.create, gone.create]);
    await push(app, account, [
      edit(kept.recordId, { title: 'A note' }, { title: 'Kept' }),
      mutation({
        recordId: gone.recordId,
        op: 'delete',
        baseVersion: 2,
        base: { title: 'A note', body: 'line one\nline two', pinned: false },
      }),
    ]);
    const { changes } = await pull(app, account, 0);
    expect(
      changes.map((change) => [
        change.record.id,
        change.record.version,
        change.record.deletedAt !== null,
      ]),
    ).toEqual([
      [kept.recordId, 3, false],
      [gone.recordId, 4, true],
    ]);
  });

  it('[L2] paging while pushes commit concurrently never misses and never repeats a change', async () => {
    const account = await signUp(app);
    const pushers = Array.from({ length: 4 }, async (_, device) => {
      for (let batch = 0; batch < 5; batch++) {
        await push(
          app,
          account,
          Array.from({ length: 5 }, () => newNote().create),
          `device-${device}`,
        );
      }
    });
    const seen: number[] = [];
    let cursor = 0;
    let done = false;
    const all = Promise.all(pushers).finally(() => (done = true));
    // Page while the pushes commit; each round waits a moment so pushes interleave with pages.
    for (let round = 0; !done && round < 10_000; round++) {
      const page = await pull(app, account, cursor, 7);
      seen.push(...page.changes.map((change) => change.record.version));
      cursor = page.cursor;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    for (;;) {
      const page = await pull(app, account, cursor, 7);
      seen.push(...page.changes.map((change) => change.record.version));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  });

  it('[L1] a bad cursor or limit gets 400 invalid_request', async () => {
    const account = await signUp(app);
    for (const query of [
      'cursor=-1',
      'cursor=abc',
      '',
      'cursor=0&limit=0',
      'cursor=1.5',
      'cursor=0&extra=1',
    ]) {
      const response = await syncRequest(app, account, {
        method: 'GET',
        url: `/api/sync/pull?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
  });

  it('[H1] history lists each applied change newest first with the values it overwrote', async () => {
    const account = await signUp(app);
    const note = newNote();
    await push(app, account, [note.create], 'phone');
    await push(
      app,
      account,
      [edit(note.recordId, { title: 'A note' }, { title: 'Second' })],
      'laptop',
    );
    const entries = await history(app, account, 'notes', note.recordId);
    expect(entries.map((entry) => [entry.version, entry.clientId, entry.op])).toEqual([
      [2, 'laptop', 'put'],
      [1, 'phone', 'put'],
    ]);
    expect(entries[0]?.previous).toEqual({ title: 'A note' });
  });

  it('[P3] settings: the conflict strategy per collection defaults to ask and can be changed', async () => {
    const account = await signUp(app);
    const get = async () =>
      SettingsSchema.parse(
        (await syncRequest(app, account, { method: 'GET', url: '/api/sync/settings' })).json(),
      );
    expect(await get()).toEqual({ conflictStrategy: { notes: 'ask', contacts: 'ask' } });
    const bad = await syncRequest(app, account, {
      method: 'PUT',
      url: '/api/sync/settings',
      payload: { conflictStrategy: { notes: 'newest' } },
    });
    expect(bad.statusCode).toBe(400);
    const put = await syncRequest(app, account, {
      method: 'PUT',
      url: '/api/sync/settings',
      payload: { conflictStrategy: { notes: 'latest-wins', contacts: 'ask' } },
    });
    expect(put.statusCode).toBe(200);
    expect(await get()).toEqual({
      conflictStrategy: { notes: 'latest-wins', contacts: 'ask' },
    });
  });
});
