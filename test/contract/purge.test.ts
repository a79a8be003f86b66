import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../src/server/storage/purge.ts';
import {
  BACKENDS,
  edit,
  mutation,
  newNote,
  pull,
  push,
  signUp,
  startServer,
  syncRequest,
} from '../server.ts';

const DAY = 24 * 60 * 60 * 1000;
const retention = { tombstoneMs: 10 * DAY, resultsMs: 31 * DAY };

describe.each(BACKENDS)('retention on %s', (backend) => {
  let app: FastifyInstance;
  let time = Date.now();
  beforeAll(async () => {
    // The tests leave an account unused for a month: its session must outlive that [A6].
    app = await startServer(backend, {
      now: () => time,
      retention,
      config: { sessionIdleDays: 365 },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('[L4] after tombstones are purged, an older cursor gets 410 resync_required; a pull from 0 is complete', async () => {
    const account = await signUp(app);
    const kept = newNote();
    const gone = newNote();
    await push(app, account, [kept.create, gone.create]);
    const base = { title: 'A note', body: 'line one\nline two', pinned: false };
    await push(app, account, [
      mutation({ recordId: gone.recordId, op: 'delete', baseVersion: 2, base }),
    ]);
    await push(app, account, [edit(kept.recordId, { title: 'A note' }, { title: 'Later' })]);

    time += 11 * DAY;
    expect(
      (await purgeExpired(app.outpostDatabase.db, retention, time, account.userId)).tombstones,
    ).toBeGreaterThanOrEqual(1);

    const stale = await syncRequest(app, account, {
      method: 'GET',
      url: '/api/sync/pull?cursor=1',
    });
    expect(stale.statusCode).toBe(410);
    expect(stale.json().error.code).toBe('resync_required');
    // A device that had already seen the tombstone (cursor ≥ its version) goes on as before.
    expect((await pull(app, account, 3)).changes.map((change) => change.record.id)).toEqual([
      kept.recordId,
    ]);
    const full = await pull(app, account, 0);
    expect(full.changes.map((change) => change.record.id)).toEqual([kept.recordId]);
  });

  it('[P1][H1] results and history are kept at least 30 days, then dropped', async () => {
    const account = await signUp(app);
    const note = newNote();
    const first = await push(app, account, [note.create]);
    time += 30 * DAY;
    await purgeExpired(app.outpostDatabase.db, retention, time, account.userId);
    expect((await push(app, account, [note.create])).results).toEqual(first.results);
    const history = () =>
      syncRequest(app, account, {
        method: 'GET',
        url: `/api/sync/history?collection=notes&id=${note.recordId}`,
      });
    expect((await history()).json().entries).toHaveLength(1);
    time += 2 * DAY;
    await purgeExpired(app.outpostDatabase.db, retention, time, account.userId);
    expect((await history()).json().entries).toHaveLength(0);
  });
});
