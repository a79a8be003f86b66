import { ARMED } from './support/server.ts';
import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  ANY_WAITING,
  newUsername,
  serverHistory,
  serverTitles,
  setFaults,
  signIn,
  syncStatus,
  waitingCount,
} from './support/sync.ts';
import { outboxRows, recordSyncTraffic } from './support/syncTraffic.ts';

/** The engine against a misbehaving server (F1 faults), in the real browser. */
test.describe('sync under faults', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
    await signIn(page, newUsername(), 'Create account');
  });
  test.afterEach(async ({ page }) => {
    await page.request.delete('/api/_faults', ARMED);
  });

  /** Creates a note and waits until the server has it, title included; returns id and history size. */
  async function syncedNote(page: Page, title: string) {
    const id = await createNote(page, title);
    await expect.poll(() => serverTitles(page), { timeout: 10_000 }).toEqual([title]);
    await expect(syncStatus(page)).toContainText('Synced');
    return { id, changes: (await serverHistory(page, id)).length };
  }

  test('failNext 503 three times: backoff retries, then success, no duplicates', async ({
    page,
  }) => {
    const { id, changes } = await syncedNote(page, 'Before the outage');

    await setFaults(page, { failNext: { count: 3, status: 503 } });
    await page.getByRole('textbox', { name: 'Title' }).fill('During the outage');
    // One reading of the status: the trouble and the coming retry, said together.
    await expect(syncStatus(page)).toContainText(
      /The server is having trouble — retrying (in \d+ s|now)/,
      { timeout: 10_000 },
    );
    // No polling of the server here: every request, the test's too, would take one of the 503s.
    await expect(syncStatus(page)).toContainText('Synced', { timeout: 25_000 });
    expect(await serverTitles(page)).toEqual(['During the outage']);

    const history = await serverHistory(page, id);
    expect(history).toHaveLength(changes + 1);
    expect(history[0]?.previous).toEqual({ title: 'Before the outage' });
  });

  test('[P1] dropAfterCommit: the retry is applied exactly once', async ({ page }) => {
    const { id, changes } = await syncedNote(page, 'First');

    await setFaults(page, { dropAfterCommit: 1 });
    await page.getByRole('textbox', { name: 'Title' }).fill('Second');
    await expect.poll(() => serverTitles(page), { timeout: 25_000 }).toEqual(['Second']);
    await expect(syncStatus(page)).toContainText('Synced', { timeout: 25_000 });
    await expect(syncStatus(page)).not.toContainText(ANY_WAITING);

    const history = await serverHistory(page, id);
    expect(history).toHaveLength(changes + 1);
    expect(history[0]?.previous).toEqual({ title: 'First' });
  });

  test('[M3] 100 offline edits of one note go out as one mutation', async ({ page, context }) => {
    const { id, changes } = await syncedNote(page, 'Toggled');

    await context.setOffline(true);
    // Each fill and blur is one saved edit (autosave flushes on blur): 100 repository writes.
    const title = page.getByRole('textbox', { name: 'Title' });
    for (let edit = 1; edit <= 100; edit++) {
      await title.fill(`Edit ${edit}`);
      await title.blur();
    }
    await expect(syncStatus(page)).toContainText(waitingCount(1));
    expect(await outboxRows(page)).toHaveLength(1);

    await context.setOffline(false);
    await expect.poll(() => serverTitles(page), { timeout: 15_000 }).toEqual(['Edit 100']);
    const history = await serverHistory(page, id);
    expect(history).toHaveLength(changes + 1);
    expect(history[0]?.previous).toEqual({ title: 'Toggled' });
  });
  test('[M3] a failed push, then offline, then 40 edits of one note, then online: one server change', async ({
    page,
    context,
  }) => {
    const { id, changes } = await syncedNote(page, 'Before the outage');
    const title = page.getByRole('textbox', { name: 'Title' });

    // The push of this edit fails, and so does every retry until the faults are cleared.
    await setFaults(page, { failNext: { count: 50, status: 503 } });
    await title.fill('Sent before the outage');
    await expect(syncStatus(page)).toContainText('The server is having trouble', {
      timeout: 10_000,
    });

    await context.setOffline(true);
    const offlineTraffic = recordSyncTraffic(context);
    for (let edit = 1; edit <= 40; edit++) {
      await title.fill(`Offline edit ${edit}`);
      await title.blur();
    }
    // Long enough for the first backoff retries to come due (1 s, 2 s): none may be attempted.
    await page.waitForTimeout(3_500);
    offlineTraffic.stop();
    expect(offlineTraffic.pushes).toEqual([]);
    expect(offlineTraffic.pulls).toEqual([]);
    // The failed push's entry (sealed: it may have been committed) and one for the 40 edits.
    expect((await outboxRows(page)).map((row) => row.mutation.set)).toEqual([
      { title: 'Sent before the outage' },
      { title: 'Offline edit 40' },
    ]);

    await page.request.delete('/api/_faults', ARMED);
    await context.setOffline(false);
    await expect.poll(() => serverTitles(page), { timeout: 15_000 }).toEqual(['Offline edit 40']);
    const history = await serverHistory(page, id);
    expect(history).toHaveLength(changes + 2);
    expect(history[0]?.previous).toEqual({ title: 'Sent before the outage' });
  });
});

test('without SyncManager, the fallbacks sync the same data', async ({ page, context }) => {
  await page.addInitScript(() => {
    // As in browsers without the Background Sync API.
    Reflect.deleteProperty(window, 'SyncManager');
    Reflect.deleteProperty(ServiceWorkerRegistration.prototype, 'sync');
  });
  await openApp(page);
  expect(await page.evaluate(() => 'SyncManager' in window)).toBe(false);
  await signIn(page, newUsername(), 'Create account');
  await context.setOffline(true);
  await createNote(page, 'Offline, no SyncManager');
  await context.setOffline(false);
  // The server first: the status may still read "Synced" from before the offline edit.
  await expect
    .poll(() => serverTitles(page), { timeout: 15_000 })
    .toEqual(['Offline, no SyncManager']);
  await expect(syncStatus(page)).toContainText('Synced', { timeout: 15_000 });
  await expect(syncStatus(page)).not.toContainText(ANY_WAITING);
});
