import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestOutpost, putSyncedNote } from '../db/testing.ts';
import type { PushRequest, PushResponse } from '../protocol/sync.ts';
import { SyncError } from '../api/errors.ts';
import { pushOutbox } from './pushOutbox.ts';
import { runSync } from './runSync.ts';
import { readStatus } from '../db/status.ts';
import { httpTransport, type SyncTransport } from './transport.ts';

/**
 * The engine attempts nothing while the device is known to be offline (navigator.onLine is
 * false): no push, no pull, and above all no move of the sent watermark, so every edit made
 * offline keeps folding into the record's one unsent mutation (M3).
 */

const NOTE_ID = '11111111-1111-4111-8111-111111111111';

function countingTransport(onPush?: () => void) {
  const calls = { push: 0, pull: 0 };
  const transport: SyncTransport = {
    async push(request: PushRequest): Promise<PushResponse> {
      calls.push++;
      onPush?.();
      return {
        results: request.mutations.map((m) => ({ id: m.id, status: 'applied', version: 9 })),
        cursor: 9,
      };
    },
    async pull() {
      calls.pull++;
      return { changes: [], cursor: 9, hasMore: false };
    },
  };
  return { calls, transport };
}

let network: { onLine: boolean };
beforeEach(() => {
  network = { onLine: false };
  vi.stubGlobal('navigator', network);
});
afterEach(() => vi.unstubAllGlobals());

describe('the engine while the device is known offline', () => {
  it('[M3] runSync attempts no push or pull, leaves the status alone, and 40 edits fold into one mutation', async () => {
    const device = openTestOutpost();
    await device.db.syncState.put({ key: 'account', userId: 'u', username: 'ada' });
    await putSyncedNote(device.db, NOTE_ID);
    const { calls, transport } = countingTransport();

    for (let edit = 1; edit <= 40; edit++) {
      await device.notes.update(NOTE_ID, { title: `Edit ${edit}` });
      expect(await runSync(device.db, transport)).toBe('offline');
    }

    expect(calls).toEqual({ push: 0, pull: 0 });
    expect(await device.db.syncState.get('status')).toBeUndefined();
    const outbox = await device.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      state: 'pending',
      mutation: { set: { title: 'Edit 40' }, base: { title: 'Groceries' } },
    });

    network.onLine = true;
    expect(await runSync(device.db, transport)).toBe('synced');
    expect(calls).toEqual({ push: 1, pull: 1 });
    expect((await readStatus(device.db)).phase).toBe('idle');
  });

  it('[M3] going offline between batches stops before the next batch is taken: only what was sent is sealed', async () => {
    const device = openTestOutpost();
    for (let index = 0; index < 3; index++) await device.notes.create({ title: `Note ${index}` });
    network.onLine = true;
    // The first batch goes out, then the network drops before the second is taken.
    const { calls, transport } = countingTransport(() => (network.onLine = false));

    const pushing = pushOutbox(device.db, transport, { clientId: 'device' }, Date.now, 2);
    await expect(pushing).rejects.toMatchObject({ kind: 'transient', code: 'offline' });

    expect(calls.push).toBe(1);
    const left = await device.outbox();
    expect(left).toHaveLength(1);
    expect(left[0]?.state).toBe('pending');
    // An edit of that record made offline still folds into its one waiting mutation.
    await device.notes.update(left[0]!.mutation.recordId, { title: 'Changed offline' });
    expect(await device.outbox()).toHaveLength(1);
  });

  it('going offline in the middle of a sync is no failure: runSync answers offline and the status shows no error', async () => {
    const device = openTestOutpost();
    await device.db.syncState.put({ key: 'account', userId: 'u', username: 'ada' });
    await device.notes.create({ title: 'Sent just before' });
    network.onLine = true;
    const { calls, transport } = countingTransport(() => (network.onLine = false));
    // What the HTTP transport throws once navigator.onLine is false (see the next test).
    transport.pull = async () => {
      throw new SyncError('transient', 'offline', 'This device is offline.');
    };

    expect(await runSync(device.db, transport)).toBe('offline');

    expect(calls.push).toBe(1);
    expect(await readStatus(device.db)).toMatchObject({
      phase: 'idle',
      lastError: null,
      nextRetryAt: null,
    });
  });

  it('a Background Sync may wait, under the sync lock, for the device to read online, and then syncs', async () => {
    const device = openTestOutpost();
    await device.db.syncState.put({ key: 'account', userId: 'u', username: 'ada' });
    await device.notes.create({ title: 'Waiting' });
    const { calls, transport } = countingTransport();
    setTimeout(() => (network.onLine = true), 150);

    expect(await runSync(device.db, transport, { onlineWithinMs: 2_000 })).toBe('synced');
    expect(calls).toEqual({ push: 1, pull: 1 });

    network.onLine = false;
    await device.notes.create({ title: 'Still offline' });
    expect(await runSync(device.db, transport, { onlineWithinMs: 200 })).toBe('offline');
    expect(calls).toEqual({ push: 1, pull: 1 });
  });

  it('the HTTP transport does not call fetch while offline, and says why with a code', async () => {
    const fetch = vi.fn(async () => new Response('{}'));
    const transport = httpTransport({ fetch });

    const pulling = transport.pull(0, 10);

    await expect(pulling).rejects.toBeInstanceOf(SyncError);
    await expect(pulling).rejects.toMatchObject({ kind: 'transient', code: 'offline' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('the engine once the session has ended', () => {
  it('[A3] after a 401 runSync attempts nothing and leaves the status alone until the person signs in again', async () => {
    network.onLine = true;
    const device = openTestOutpost();
    await device.db.syncState.put({ key: 'account', userId: 'u', username: 'ada' });
    await device.notes.create({ title: 'Written after the session ended' });
    const expired = new SyncError('auth', 'unauthenticated', 'Sign in again');
    const refusing: SyncTransport = {
      push: () => Promise.reject(expired),
      pull: () => Promise.reject(expired),
    };
    await expect(runSync(device.db, refusing)).rejects.toBe(expired);
    const ended = await readStatus(device.db);
    expect(ended.phase).toBe('signed-out');

    const { calls, transport } = countingTransport();
    expect(await runSync(device.db, transport)).toBe('signed-out');
    expect(calls).toEqual({ push: 0, pull: 0 });
    expect(await readStatus(device.db)).toEqual(ended);
    expect(await device.outbox()).toHaveLength(1);
  });
});
