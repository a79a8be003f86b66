import { ARMED } from './support/server.ts';
import type { CDPSession, Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  newUsername,
  serverTitles,
  setFaults,
  signIn,
  syncStatus,
  openSecondDevice,
  openSignedUp,
  expectSynced,
} from './support/sync.ts';
import { deviceRows } from './support/syncTraffic.ts';

/**
 * The service worker syncing on its own, with no page of the app running: the tab is on a
 * plain JSON page of the same origin (/api/health), which shares the app's IndexedDB (to read
 * the result) and keeps a target for the DevTools protocol, but runs no app code.
 */
test.describe('the worker syncs with no app page open', () => {
  test('[periodicsync] a periodic sync pulls what another device wrote', async ({
    page,
    browser,
    server,
  }) => {
    const username = await openSignedUp(page);
    await expect(syncStatus(page)).toContainText('Synced');
    await page.goto('/api/health');

    const { context: laptop, page: other } = await openSecondDevice(
      browser,
      server.baseURL,
      username,
    );
    try {
      await createNote(other, 'Written on the laptop');
      await expectSynced(other);
    } finally {
      await laptop.close();
    }
    expect(await deviceTitles(page)).toEqual([]);

    const { cdp, registrationId } = await workerRegistration(page);
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: new URL(server.baseURL).origin,
      registrationId,
      tag: 'outpost-refresh',
    });
    await expect.poll(() => deviceTitles(page)).toEqual(['Written on the laptop']);
  });

  test('worker start: a sync that failed leaves the outbox, and the next worker start sends it', async ({
    page,
  }) => {
    await openApp(page);
    await signIn(page, newUsername(), 'Create account');
    await expect(syncStatus(page)).toContainText('Synced');
    // The edit's Background Sync runs and fails; the browser would retry it only minutes later.
    await setFaults(page, { failNext: { count: 1000, status: 503 } });
    await createNote(page, 'Queued when the server failed');
    await expect(syncStatus(page)).toContainText('The server is having trouble');
    await page.goto('/api/health'); // leave the app: no page code retries from here on

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.request.delete('/api/_faults', ARMED);
    expect(await serverTitles(page)).toEqual([]);

    // A navigation in the worker's scope starts it; starting, it finds the outbox waiting.
    await page.goto('/api/health');
    await expect.poll(() => serverTitles(page)).toEqual(['Queued when the server failed']);
  });
});

/** Note titles in this device's IndexedDB, read from any page of the origin. */
async function deviceTitles(page: Page): Promise<string[]> {
  const notes = await deviceRows<{ title: string }>(page, 'notes');
  return notes.map((note) => note.title).sort();
}

/** The service worker's registration id, from the DevTools protocol's ServiceWorker domain. */
async function workerRegistration(
  page: Page,
): Promise<{ cdp: CDPSession; registrationId: string }> {
  const cdp = await page.context().newCDPSession(page);
  const registered = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((registration) => !registration.isDeleted);
      if (live) resolve(live.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return { cdp, registrationId: await registered };
}
