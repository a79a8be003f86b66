import { ARMED } from './support/server.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  ANY_WAITING,
  newUsername,
  serverHistory,
  serverTitles,
  setFaults,
  signIn,
  syncNow,
  syncStatus,
  waitingCount,
} from './support/sync.ts';
import {
  allAnswered,
  outboxRows,
  sentThrough,
  recordSyncTraffic,
  statusRow,
  summarize,
  type PushResultSummary,
} from './support/syncTraffic.ts';

/** The outbox survives the ways a flush can be cut short or doubled (flow 2, P1). */
test.describe('sync durability', () => {
  test.afterEach(async ({ context }) => {
    await context.request.delete('/api/_faults', ARMED);
  });

  test('the page closed mid-flush and reopened: the outbox completes', async ({
    page,
    context,
  }) => {
    // No Background Sync in this context's pages: the page is the only one flushing, so the
    // push cut short is the page's (the worker would otherwise flush on `online` too).
    await context.addInitScript(() => {
      Reflect.deleteProperty(window, 'SyncManager');
      Reflect.deleteProperty(ServiceWorkerRegistration.prototype, 'sync');
    });
    await openApp(page);
    await signIn(page, newUsername(), 'Create account');
    await expect(syncStatus(page)).toContainText('Synced');

    await context.setOffline(true);
    const titles = ['Cut short 1', 'Cut short 2', 'Cut short 3', 'Cut short 4'];
    const ids: string[] = [];
    for (const title of titles) ids.push(await createNote(page, title));
    await expect(syncStatus(page)).toContainText(waitingCount(titles.length));

    const traffic = recordSyncTraffic(context);
    // The page's push reaches the server, which commits it; the answer is held back until the
    // page is gone: the tab closed a moment too early, the case where a resend could double.
    type Answer = { status: number; results: PushResultSummary[] };
    let committed: (answer: Answer) => void = () => undefined;
    const serverCommitted = new Promise<Answer>((resolve) => (committed = resolve));
    await page.route('**/api/sync/push', async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { results?: PushResultSummary[] };
      committed({ status: answer.status(), results: summarize(body.results ?? []) });
      // Never fulfilled: the page closes with this request still in flight.
    });
    await context.setOffline(false); // the page's `online` handler flushes
    const { status, results: firstResults } = await serverCommitted;
    expect(status).toBe(200);
    expect(firstResults.map((result) => result.status)).toEqual(titles.map(() => 'applied'));
    const queued = await outboxRows(page);
    expect(traffic.pushes.map((push) => push.mutationIds)).toEqual([
      queued.map((entry) => entry.mutation.id),
    ]);
    // Marked sent before sending (the watermark, src/db/inFlight.ts): never folded into again,
    // only resent.
    const sent = await sentThrough(page);
    expect(queued.every((entry) => entry.state === 'pending' && entry.seq <= sent)).toBe(true);
    await page.close();
    expect(traffic.pushes[0]?.status).toBeUndefined(); // the page never had its answer

    const reopened = await context.newPage();
    expect(await serverTitles(reopened)).toEqual(titles);
    await openApp(reopened);
    await expect(syncStatus(reopened)).toContainText('Synced', { timeout: 10_000 });
    await expect(syncStatus(reopened)).not.toContainText(ANY_WAITING);
    expect(await outboxRows(reopened)).toEqual([]);
    // The entries left in flight went again, once, under the same ids (under new ids they would
    // be new changes to the server), and the server answered the replay with the results it
    // gave the first time, versions included (P1) ...
    await expect.poll(() => traffic.pushes[1]?.results).toEqual(firstResults);
    expect(traffic.pushes.map((push) => push.mutationIds)).toEqual([
      queued.map((entry) => entry.mutation.id),
      queued.map((entry) => entry.mutation.id),
    ]);
    // ... so each note was changed on the server exactly once.
    expect(await serverTitles(reopened)).toEqual(titles);
    for (const id of ids) expect(await serverHistory(reopened, id)).toHaveLength(1);
    await expect(reopened.getByText('Not synced yet')).toHaveCount(0);
  });

  test('two tabs and the worker flushing at once: each mutation pushed once', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await signIn(page, newUsername(), 'Create account');
    const other = await context.newPage();
    await openApp(other);
    const tabs = [page, other];
    for (const tab of tabs) await expect(syncStatus(tab)).toContainText('Synced');

    // Edits in both tabs land in the one outbox they share (one context: one IndexedDB); each
    // also registers the worker's Background Sync, which fires when the network is back.
    await context.setOffline(true);
    const titles = Array.from({ length: 8 }, (_, index) => `Raced ${String(index + 1)}`);
    const ids: string[] = [];
    for (const [index, title] of titles.entries())
      ids.push(await createNote(tabs[index % 2]!, title));
    const queued = (await outboxRows(page)).map((entry) => entry.mutation.id);
    expect(queued).toHaveLength(titles.length);
    for (const tab of tabs)
      await expect(syncStatus(tab)).toContainText(waitingCount(titles.length));

    const traffic = recordSyncTraffic(context);
    await context.setOffline(false);
    // Both tabs' `online` handlers, both "Sync now" buttons and the worker's sync event, at once.
    await Promise.all(tabs.map((tab) => syncNow(tab)));
    for (const tab of tabs) {
      await expect(syncStatus(tab)).toContainText('Synced', { timeout: 15_000 });
      await expect(syncStatus(tab)).not.toContainText(ANY_WAITING);
    }
    // Every one of the three really ran a sync: each run pulls, even with nothing left to push.
    await expect.poll(() => [...new Set(traffic.pulls)].length, { timeout: 10_000 }).toBe(3);
    expect(traffic.pulls).toContain('worker');
    await expect.poll(() => allAnswered(traffic)).toBe(true);

    // No faults here, so each mutation id must go out exactly once: a flush takes the Web Lock
    // 'outpost-sync' (syncOnce.ts) before it reads the outbox and drops acknowledged entries
    // before it lets go, so whoever runs next finds them gone. A second send of an id would
    // mean two flushes overlapped; P1 would hide it on the server, but not the traffic.
    const pushedIds = traffic.pushes.flatMap((push) => push.mutationIds);
    expect([...pushedIds].sort()).toEqual([...queued].sort());
    const results = traffic.pushes.flatMap((push) => push.results ?? []);
    expect(results.map((result) => result.id).sort()).toEqual([...queued].sort());
    expect(results.map((result) => result.status)).toEqual(titles.map(() => 'applied'));

    expect(await serverTitles(page)).toEqual([...titles].sort());
    for (const id of ids) expect(await serverHistory(page, id)).toHaveLength(1);
  });

  test('a failed sync, retried by the browser (CDP ServiceWorker.dispatchSyncEvent), sends the outbox', async ({
    page,
    context,
    server,
  }) => {
    await openApp(page);
    await signIn(page, newUsername(), 'Create account');
    await expect(syncStatus(page)).toContainText('Synced');

    await context.setOffline(true);
    const titles = ['Retried 1', 'Retried 2', 'Retried 3'];
    for (const title of titles) await createNote(page, title);
    await expect(syncStatus(page)).toContainText(waitingCount(titles.length));
    // Every push fails for now. (When the browser has to start the worker for the sync event,
    // the worker's own flush on start runs too and meets the same 503: see src/sw.ts.) Set
    // before the tab leaves: Playwright's offline emulation does not always reach a worker the
    // browser starts meanwhile, whose push can then go out while the context is "offline".
    await setFaults(page, { failNext: { count: 1000, status: 503 } });
    const traffic = recordSyncTraffic(context);
    const sent = () => traffic.pushes.map((push) => [push.from, push.status]);
    // The tab leaves the app, as if closed: no page code is left to flush or retry, so every
    // push from here on can only be the worker's. (The tab stays, at about:blank, to host the
    // DevTools session below.)
    await page.goto('about:blank');
    const worker = () => {
      const [only] = context.serviceWorkers();
      if (!only) throw new Error('no service worker in this context');
      return only;
    };
    await context.setOffline(false);
    // The browser fires the sync registered while offline; the worker's push meets the 503.
    await expect.poll(() => sent()[0], { timeout: 10_000 }).toEqual(['worker', 503]);
    // The status row the app's status line shows (read in the worker: an open app page would
    // plan a retry of its own on seeing it, see src/sync/driver.ts).
    await expect.poll(async () => (await statusRow(worker()))?.phase).toBe('error');
    // Quiet: no sync holds or waits for the engine's Web Lock (see syncOnce.ts).
    await expect.poll(() => worker().evaluate(syncLocksInUse)).toBe(0);
    expect((await statusRow(worker()))?.lastError).toMatchObject({ transient: true });
    const waiting = await outboxRows(worker());
    expect(waiting).toHaveLength(titles.length);
    await page.request.delete('/api/_faults', ARMED);
    expect(await serverTitles(page)).toEqual([]);
    const failed = sent();
    expect(failed.every(([from, status]) => from === 'worker' && status === 503)).toBe(true);

    // Chromium retries a failed sync only minutes later; DevTools fires the retry now.
    const { cdp, registrationId } = await serviceWorkerDevTools(
      context,
      page,
      `${server.baseURL}/`,
    );
    expect(sent()).toEqual(failed); // nothing was sent again by itself meanwhile
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: server.baseURL,
      registrationId,
      tag: 'outpost-sync',
      lastChance: false,
    });

    await expect.poll(() => sent(), { timeout: 10_000 }).toEqual([...failed, ['worker', 200]]);
    // The retry sent what the failed sync had taken, under the same ids.
    expect(traffic.pushes.at(-1)?.mutationIds).toEqual(waiting.map((entry) => entry.mutation.id));
    await expect.poll(() => serverTitles(page)).toEqual(titles);
    await expect.poll(async () => (await statusRow(worker()))?.phase).toBe('idle');
    expect((await statusRow(worker()))?.lastError).toBeNull();
    expect(await outboxRows(worker())).toEqual([]);

    // Back in the app, the status line says so.
    await openApp(page);
    await expect(syncStatus(page)).toContainText('Synced');
    await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
    // The worker had sent it all: the page had nothing left to push.
    expect(traffic.pushes).toHaveLength(failed.length + 1);
  });
});

/** Held and waiting requests for the engine's Web Lock ('outpost-sync'), in this global. */
async function syncLocksInUse(): Promise<number> {
  const { held = [], pending = [] } = await navigator.locks.query();
  return [...held, ...pending].filter((lock) => lock.name === 'outpost-sync').length;
}

/**
 * A DevTools session with the ServiceWorker domain on (its commands refuse to run otherwise),
 * and the id it knows the app's registration by, reported by workerRegistrationUpdated.
 */
async function serviceWorkerDevTools(context: BrowserContext, page: Page, scopeURL: string) {
  const cdp = await context.newCDPSession(page);
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const match = registrations.find(
        (registration) => registration.scopeURL === scopeURL && !registration.isDeleted,
      );
      if (match) resolve(match.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return { cdp, registrationId: await found };
}
