import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  newUsername,
  openSyncSheet,
  serverTitles,
  signIn,
  syncStatus,
  waitingCount,
} from './support/sync.ts';
import { currentDatabaseName } from './support/syncTraffic.ts';

test('a change the server refuses is shown with its reason, and can be discarded', async ({
  page,
  context,
}) => {
  await openApp(page);
  await signIn(page, newUsername(), 'Create account');
  await createNote(page, 'Accepted title');
  await expect.poll(() => serverTitles(page), { timeout: 10_000 }).toEqual(['Accepted title']);

  await context.setOffline(true);
  await page.getByRole('textbox', { name: 'Title' }).fill('Edited offline');
  await expect(syncStatus(page)).toContainText(waitingCount(1));
  // Make the queued mutation break R1, as an older app version or a bug might (the UI itself
  // never queues one).
  await page.evaluate(
    (database) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(database);
        open.onsuccess = () => {
          const store = open.result.transaction('outbox', 'readwrite').objectStore('outbox');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const current = cursor.result;
            if (!current) return resolve();
            const entry = current.value as { mutation: { set: Record<string, unknown> } };
            entry.mutation.set = { title: 'x'.repeat(501) };
            current.update(entry);
            current.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        };
      }),
    await currentDatabaseName(page),
  );
  await context.setOffline(false);
  await expect(syncStatus(page)).toContainText('1 change not accepted', { timeout: 15_000 });

  await openSyncSheet(page);
  const waiting = page.getByRole('list', { name: 'Changes waiting for the server' });
  await expect(waiting).toContainText('refused');
  await expect(waiting).toContainText('Changed note');
  await expect(waiting).toContainText('A title has at most 500 characters');
  // Named after the record as this device shows it (the refused value, or the one before it,
  // depending on whether a pull has laid the refused change over it yet).
  await waiting.getByRole('button', { name: /^Discard: / }).click();

  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Accepted title', {
    timeout: 10_000,
  });
  await expect(syncStatus(page)).not.toContainText('not accepted');
  expect(await serverTitles(page)).toEqual(['Accepted title']);
});
