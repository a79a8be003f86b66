import { Dexie } from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestOutpost } from '../db/testing.ts';
import type { OutpostDatabase } from '../db/schema.ts';
import type { StatusRow } from '../db/types.ts';
import type { PullResponse } from '../protocol/sync.ts';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from '../api/backoff.ts';
import { SyncError } from '../api/errors.ts';
import { readStatus, updateStatus } from '../db/status.ts';
import type { SyncTransport } from '../sync/transport.ts';
import { SYNC_TAG, type SyncRegistration } from './backgroundSync.ts';
import { createSyncDriver, SYNC_AFTER_QUIET_MS, type SyncSignals } from './driver.ts';

/**
 * Unit tests of the sync driver, with a fake window and document as the page's signals. Only setTimeout, clearTimeout and Date are faked:
 * fake-indexeddb and Dexie schedule their own work with setImmediate, which stays real, so the
 * database keeps working while the retry timers are under the test's control.
 */

const RANDOM = 0.75;
/** The driver's delay for the n-th consecutive failure, with Math.random stubbed. */
const delayFor = (attempt: number, retryAfterMs?: number) =>
  backoffDelay(attempt, retryAfterMs, () => RANDOM);

const UP_TO_DATE: PullResponse = { changes: [], cursor: 0, hasMore: false };

/**
 * A server that answers pulls from a script: each entry is an error to throw or, when the
 * script runs out, an empty page. The outbox is empty in these tests, so a sync is one pull.
 */
function scriptedTransport(script: (Error | 'ok')[] = []) {
  const fake = {
    pulls: 0,
    script,
    transport: {
      push: () => Promise.reject(new Error('nothing is queued, so nothing is pushed')),
      pull: async (): Promise<PullResponse> => {
        const step = fake.script[fake.pulls++];
        if (step instanceof Error) throw step;
        return UP_TO_DATE;
      },
    } satisfies SyncTransport,
  };
  return fake;
}

const transient = (code = 'network') => new SyncError('transient', code, 'Try again later');

/** One turn of Node's event loop (this file is typed with the DOM library, which lacks it). */
const { setImmediate } = globalThis as unknown as { setImmediate(callback: () => void): void };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits (on real setImmediate turns, not on the faked clock) until the status row matches. */
async function statusWhere(
  db: OutpostDatabase,
  check: (status: StatusRow) => boolean,
): Promise<StatusRow> {
  for (let turn = 0; turn < 2_000; turn++) {
    const status = await readStatus(db);
    if (check(status)) return status;
    await nextTurn();
  }
  throw new Error(`The status row never matched; it is ${JSON.stringify(await readStatus(db))}`);
}

class FakeDocument extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
}

let db: OutpostDatabase;
let fakeWindow: EventTarget;
let fakeDocument: FakeDocument;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 1_000_000 });
  vi.spyOn(Math, 'random').mockReturnValue(RANDOM);
  fakeWindow = new EventTarget();
  fakeDocument = new FakeDocument();
  // No `locks`: syncOnce then runs directly, as it does in Node.
  vi.stubGlobal('navigator', { onLine: true });
  db = openTestOutpost().db;
  // runSync only syncs when someone is signed in (src/db/account.ts).
  await db.syncState.put({ key: 'account', userId: 'user-1', username: 'ada' });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function driverFor(
  fake: ReturnType<typeof scriptedTransport>,
  registration: () => Promise<SyncRegistration | undefined> = async () => undefined,
) {
  const driver = createSyncDriver({ db, transport: fake.transport, registration });
  return { ...driver, start: () => driver.start(fakeSignals()) };
}

/** The page's signals (ui/sync/pageSignals.ts does the same), from the fake window and document. */
function fakeSignals(): SyncSignals {
  const listen = (target: EventTarget, type: string, listener: () => void) => {
    target.addEventListener(type, listener);
    return () => target.removeEventListener(type, listener);
  };
  return {
    onOnline: (listener) => listen(fakeWindow, 'online', listener),
    onVisibility: (listener) =>
      listen(fakeDocument, 'visibilitychange', () =>
        listener(fakeDocument.visibilityState === 'visible'),
      ),
    onLeave: (listener) => listen(fakeWindow, 'pagehide', listener),
  };
}

describe('sync driver: retries with backoff', () => {
  it('a transient failure schedules a retry after backoffDelay, shows nextRetryAt, and the retry succeeds', async () => {
    const fake = scriptedTransport([transient()]);
    const started = Date.now();

    await driverFor(fake).syncNow();

    expect(fake.pulls).toBe(1);
    expect(await readStatus(db)).toMatchObject({
      phase: 'error',
      lastError: { code: 'network' },
      nextRetryAt: started + delayFor(1),
    });
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersByTimeAsync(delayFor(1) - 1);
    expect(fake.pulls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const status = await statusWhere(db, (row) => row.phase === 'idle');

    expect(fake.pulls).toBe(2);
    expect(status).toEqual({
      key: 'status',
      phase: 'idle',
      lastSuccessAt: started + delayFor(1),
      lastError: null,
      nextRetryAt: null,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the retry delay stays within the backoff bounds whatever the jitter', async () => {
    for (const random of [0, 0.999]) {
      vi.mocked(Math.random).mockReturnValue(random);
      const fake = scriptedTransport([transient()]);
      const started = Date.now();
      await driverFor(fake).syncNow();
      const { nextRetryAt } = await readStatus(db);
      expect(nextRetryAt! - started).toBeGreaterThanOrEqual(BACKOFF_BASE_MS / 2);
      expect(nextRetryAt! - started).toBeLessThanOrEqual(BACKOFF_BASE_MS);
      vi.clearAllTimers();
    }
  });

  it('consecutive failures wait longer, and after a success the attempt counter resets', async () => {
    expect(delayFor(2)).toBeGreaterThan(delayFor(1));
    const fake = scriptedTransport([transient(), transient(), 'ok', transient()]);
    const sync = driverFor(fake);

    await sync.syncNow();
    expect((await readStatus(db)).nextRetryAt).toBe(Date.now() + delayFor(1));

    await vi.advanceTimersByTimeAsync(delayFor(1));
    const afterSecond = Date.now();
    await statusWhere(db, (row) => row.nextRetryAt === afterSecond + delayFor(2));
    expect(fake.pulls).toBe(2);

    await vi.advanceTimersByTimeAsync(delayFor(2) - 1);
    expect(fake.pulls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await statusWhere(db, (row) => row.phase === 'idle');
    expect(fake.pulls).toBe(3);

    // The next failure is a first failure again: the shortest wait, not the third one.
    await sync.syncNow();
    expect(fake.pulls).toBe(4);
    expect((await readStatus(db)).nextRetryAt).toBe(Date.now() + delayFor(1));
  });

  it('[T3] a Retry-After longer than the backoff is honoured', async () => {
    const retryAfterMs = 30_000;
    expect(retryAfterMs).toBeGreaterThan(delayFor(1));
    const fake = scriptedTransport([
      new SyncError('transient', 'rate_limited', 'Slow down', retryAfterMs),
    ]);
    const started = Date.now();

    await driverFor(fake).syncNow();
    expect((await readStatus(db)).nextRetryAt).toBe(started + retryAfterMs);

    await vi.advanceTimersByTimeAsync(retryAfterMs - 1);
    expect(fake.pulls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await statusWhere(db, (row) => row.phase === 'idle');
    expect(fake.pulls).toBe(2);
  });

  it('an unexpected error (not a SyncError) is treated as transient and retried', async () => {
    const fake = scriptedTransport([new TypeError('fetch failed')]);
    await driverFor(fake).syncNow();
    expect(await readStatus(db)).toMatchObject({
      phase: 'error',
      lastError: { code: 'unknown' },
      nextRetryAt: Date.now() + delayFor(1),
    });
    await vi.advanceTimersByTimeAsync(delayFor(1));
    await statusWhere(db, (row) => row.phase === 'idle');
    expect(fake.pulls).toBe(2);
  });

  it.each([
    ['permanent', 'invalid_request'],
    ['auth', 'unauthenticated'],
    ['upgrade', 'protocol_unsupported'],
  ] as const)('an error of kind %s (%s) schedules no retry', async (kind, code) => {
    const fake = scriptedTransport([new SyncError(kind, code, 'Retrying cannot help')]);

    await driverFor(fake).syncNow();

    const status = await readStatus(db);
    expect(status.lastError).toMatchObject({ code });
    expect(status.nextRetryAt).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(fake.pulls).toBe(1);
  });

  it('a sync that succeeds cancels the retry that was planned', async () => {
    const fake = scriptedTransport([transient()]);
    const sync = driverFor(fake);
    await sync.syncNow();
    expect(vi.getTimerCount()).toBe(1);

    // "Sync now" before the timer fires.
    await sync.syncNow();
    expect(vi.getTimerCount()).toBe(0);
    expect((await readStatus(db)).nextRetryAt).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(fake.pulls).toBe(2);
  });

  it('signed out, it neither syncs nor retries', async () => {
    await db.syncState.delete('account');
    const fake = scriptedTransport([transient()]);
    await driverFor(fake).syncNow();
    expect(fake.pulls).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sync driver: while the device is known offline', () => {
  const goOffline = () => vi.stubGlobal('navigator', { onLine: false });
  const goOnline = () => {
    vi.stubGlobal('navigator', { onLine: true });
    fakeWindow.dispatchEvent(new Event('online'));
  };

  it('a retry timer that comes due offline attempts nothing; the `online` event syncs', async () => {
    const fake = scriptedTransport([transient()]);
    const sync = driverFor(fake);
    const stop = sync.start();
    await statusWhere(db, (row) => row.nextRetryAt !== null);
    expect(fake.pulls).toBe(1);

    goOffline();
    await vi.advanceTimersByTimeAsync(BACKOFF_CAP_MS);
    await sync.syncNow();
    await sync.request();
    expect(fake.pulls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);

    goOnline();
    await statusWhere(db, (row) => row.phase === 'idle');
    expect(fake.pulls).toBe(2);
    stop();
  });

  it('a sync that fails as the device goes offline plans no timer and shows no next try', async () => {
    const fake = scriptedTransport([transient()]);
    fake.transport.pull = async () => {
      fake.pulls++;
      goOffline();
      throw transient('network');
    };

    await driverFor(fake).syncNow();

    expect(fake.pulls).toBe(1);
    expect((await readStatus(db)).nextRetryAt).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sync driver: request() after a local write', () => {
  it('registers Background Sync with SYNC_TAG when the registration has a sync manager', async () => {
    const register = vi.fn(async (_tag: string) => {});
    const fake = scriptedTransport();

    await driverFor(fake, async () => ({ sync: { register } })).request();

    expect(register).toHaveBeenCalledExactlyOnceWith(SYNC_TAG);
    // The worker syncs when the browser fires the event; the page does not.
    expect(fake.pulls).toBe(0);
    expect(await db.syncState.get('status')).toBeUndefined();
  });

  it('syncs in the page as well when an earlier Background Sync is still waiting (a failed one sits in the browser backoff)', async () => {
    const register = vi.fn(async (_tag: string) => {});
    const getTags = vi.fn(async () => [SYNC_TAG]);
    const fake = scriptedTransport();

    await driverFor(fake, async () => ({ sync: { register, getTags } })).request();

    expect(register).toHaveBeenCalledExactlyOnceWith(SYNC_TAG);
    expect(fake.pulls).toBe(1);
  });

  it('leaves the sync to the worker when no earlier Background Sync waits', async () => {
    const register = vi.fn(async (_tag: string) => {});
    const fake = scriptedTransport();

    await driverFor(fake, async () => ({ sync: { register, getTags: async () => [] } })).request();

    expect(register).toHaveBeenCalledExactlyOnceWith(SYNC_TAG);
    expect(fake.pulls).toBe(0);
  });

  it('edited() asks at the first write of a burst, and once more SYNC_AFTER_QUIET_MS after the last', async () => {
    const register = vi.fn(async (_tag: string) => {});
    const sync = driverFor(scriptedTransport(), async () => ({ sync: { register } }));

    sync.edited();
    await vi.advanceTimersByTimeAsync(0);
    expect(register).toHaveBeenCalledTimes(1);
    for (let write = 0; write < 10; write++) {
      await vi.advanceTimersByTimeAsync(SYNC_AFTER_QUIET_MS - 1);
      sync.edited();
    }
    expect(register).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(SYNC_AFTER_QUIET_MS);
    expect(register).toHaveBeenCalledTimes(2);

    // A single write asks once: nothing came after it.
    sync.edited();
    await vi.advanceTimersByTimeAsync(SYNC_AFTER_QUIET_MS * 3);
    expect(register).toHaveBeenCalledTimes(3);
  });

  it('poked() (a poke) syncs at once, but in a burst of typing waits for its end, which asks once for both', async () => {
    const register = vi.fn(async (_tag: string) => {});
    const fake = scriptedTransport();
    const sync = driverFor(fake, async () => ({ sync: { register } }));

    sync.poked();
    await statusWhere(db, (row) => row.lastSuccessAt !== null);
    expect(fake.pulls).toBe(1);

    sync.edited();
    await vi.advanceTimersByTimeAsync(0);
    expect(register).toHaveBeenCalledTimes(1);
    sync.poked();
    await vi.advanceTimersByTimeAsync(SYNC_AFTER_QUIET_MS - 1);
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(fake.pulls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(register).toHaveBeenCalledTimes(2);
  });

  it('[E1] a poke with a change counter the device has pulled already (its own push) syncs nothing; a newer one syncs', async () => {
    const fake = scriptedTransport();
    const sync = driverFor(fake);
    await db.syncState.put({ key: 'cursor', cursor: 7 });

    await sync.poked(7);
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(fake.pulls).toBe(0);

    await sync.poked(8);
    await statusWhere(db, (row) => row.lastSuccessAt !== null);
    expect(fake.pulls).toBe(1);
  });

  it.each([
    ['there is no service worker registration', async () => undefined],
    ['the registration has no sync manager', async () => ({})],
    ['looking the registration up fails', () => Promise.reject(new Error('no worker'))],
    [
      'the browser refuses the registration',
      async () => ({ sync: { register: () => Promise.reject(new Error('denied')) } }),
    ],
  ] satisfies [string, () => Promise<SyncRegistration | undefined>][])(
    'syncs in the page when %s',
    async (_case, registration) => {
      const fake = scriptedTransport();

      await driverFor(fake, registration).request();

      expect(fake.pulls).toBe(1);
      expect(await readStatus(db)).toMatchObject({ phase: 'idle', lastSuccessAt: Date.now() });
    },
  );
});

describe('sync driver: start()', () => {
  // Dexie runs live queries only where IndexedDB is a global, as in a browser; in Node its
  // dependency is null and start()'s status watch would never run. Any factory will do: each
  // query uses its own database's (fake) IndexedDB.
  let globalIndexedDB: IDBFactory;
  beforeEach(() => {
    globalIndexedDB = Dexie.dependencies.indexedDB;
    Dexie.dependencies.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    Dexie.dependencies.indexedDB = globalIndexedDB;
  });

  it('syncs on start, on `online`, when the page becomes visible, and stops listening when stopped', async () => {
    const fake = scriptedTransport();
    const stop = driverFor(fake).start();
    await statusWhere(db, (row) => row.lastSuccessAt !== null);
    expect(fake.pulls).toBe(1);

    const syncedAfter = async (event: () => void) => {
      await updateStatus(db, { phase: 'syncing' });
      event();
      await statusWhere(db, (row) => row.phase === 'idle');
    };
    await syncedAfter(() => fakeWindow.dispatchEvent(new Event('online')));
    expect(fake.pulls).toBe(2);

    fakeDocument.visibilityState = 'hidden';
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    fakeDocument.visibilityState = 'visible';
    await syncedAfter(() => fakeDocument.dispatchEvent(new Event('visibilitychange')));
    expect(fake.pulls).toBe(3);

    stop();
    fakeWindow.dispatchEvent(new Event('online'));
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(1_000);
    for (let turn = 0; turn < 50; turn++) await nextTurn();
    expect(fake.pulls).toBe(3);
  });

  it('writes that wait for the end of their burst are handed to the worker synchronously when the page goes away or is hidden', async () => {
    const register = vi.fn(async (_tag: string) => {});
    const sync = driverFor(scriptedTransport(), async () => ({ sync: { register } }));
    const stop = sync.start();
    await statusWhere(db, (row) => row.lastSuccessAt !== null);

    sync.edited();
    sync.edited();
    await vi.advanceTimersByTimeAsync(0);
    expect(register).toHaveBeenCalledTimes(1);
    // No await between the event and the check: a page that is going away may not get one.
    fakeWindow.dispatchEvent(new Event('pagehide'));
    expect(register).toHaveBeenCalledTimes(2);

    sync.edited();
    await vi.advanceTimersByTimeAsync(0);
    sync.edited();
    fakeDocument.visibilityState = 'hidden';
    fakeDocument.dispatchEvent(new Event('visibilitychange'));
    expect(register).toHaveBeenCalledTimes(4);

    // Nothing is asked twice: the pause that was waiting is over.
    await vi.advanceTimersByTimeAsync(SYNC_AFTER_QUIET_MS);
    expect(register).toHaveBeenCalledTimes(4);
    stop();
  });

  it('a failure the worker recorded in the status row makes the started page plan a retry', async () => {
    const fake = scriptedTransport();
    const stop = driverFor(fake).start();
    await statusWhere(db, (row) => row.lastSuccessAt !== null);
    // Let the status watch (a Dexie live query, run on zero-delay timers) see the success.
    await vi.advanceTimersByTimeAsync(0);
    expect((await readStatus(db)).nextRetryAt).toBeNull();

    // What runSync in the service worker writes after a failed Background Sync.
    const failedAt = Date.now();
    await updateStatus(db, {
      phase: 'error',
      lastError: { code: 'network', message: 'offline', transient: true },
    });
    // Dexie tells live queries about the write on a zero-delay (faked) timer.
    await vi.advanceTimersByTimeAsync(0);
    await statusWhere(db, (row) => row.nextRetryAt !== null);
    expect((await readStatus(db)).nextRetryAt).toBe(failedAt + delayFor(1));
    expect(fake.pulls).toBe(1);

    await vi.advanceTimersByTimeAsync(delayFor(1));
    await statusWhere(db, (row) => row.phase === 'idle');
    expect(fake.pulls).toBe(2);
    stop();
  });

  it('a permanent failure the worker recorded is not retried on a timer', async () => {
    const fake = scriptedTransport();
    const stop = driverFor(fake).start();
    await statusWhere(db, (row) => row.lastSuccessAt !== null);
    await vi.advanceTimersByTimeAsync(0);

    await updateStatus(db, {
      phase: 'error',
      lastError: { code: 'invalid_request', message: 'no', transient: false },
    });
    await vi.advanceTimersByTimeAsync(0);
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect((await readStatus(db)).nextRetryAt).toBeNull();
    await vi.advanceTimersByTimeAsync(BACKOFF_CAP_MS);
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(fake.pulls).toBe(1);
    stop();
  });
});

describe('sync driver: requests while a sync runs', () => {
  it('start, sign-in and the event stream opening at once cost two syncs, not three', async () => {
    const fake = scriptedTransport();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const transport: SyncTransport = {
      ...fake.transport,
      // The first pull waits until the test lets it finish: a sync in flight.
      pull: async () => {
        if (fake.pulls === 0) await held;
        return fake.transport.pull();
      },
    };
    const driver = createSyncDriver({ db, transport, registration: async () => undefined });

    const first = driver.syncNow();
    const asked = [driver.syncNow(), driver.syncNow(), driver.poked()];
    release();
    await Promise.all([first, ...asked]);
    await statusWhere(db, (status) => status.phase === 'idle');

    // One sync for everything asked meanwhile: what changed during the first still goes out.
    expect(fake.pulls).toBe(2);
  });
});
