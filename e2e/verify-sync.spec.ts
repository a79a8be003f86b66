import type { Page } from '@playwright/test';
import { createNote, expect, test } from './support/fixtures.ts';
import { expectSynced, openSignedUp, withSecondDevice } from './support/sync.ts';

/** Settings → Check sync (V3): this device compared with the server, and repaired. */

/**
 * Plants a divergence as a bug or a damaged disk would leave it: the note's copy on this device
 * goes back to an older title at an older version, still marked as synced, with nothing in the
 * outbox.
 */
async function makeStale(page: Page, id: string, title: string): Promise<void> {
  await page.evaluate(
    async ({ id, title }) => {
      const names = (await indexedDB.databases()).map((database) => database.name ?? '');
      const name = names.find((candidate) => candidate.startsWith('outpost-account-'));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = db.transaction('notes', 'readwrite').objectStore('notes');
      const note = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const read = store.get(id);
        read.onsuccess = () => resolve(read.result as Record<string, unknown>);
        read.onerror = () => reject(read.error);
      });
      await new Promise((resolve, reject) => {
        const write = store.put({ ...note, title, version: Number(note.version) - 1 });
        write.onsuccess = resolve;
        write.onerror = () => reject(write.error);
      });
      db.close();
    },
    { id, title },
  );
}

test('checking sync finds a stale note on this device and repairs it from the server', async ({
  page,
  appErrors,
}) => {
  await openSignedUp(page);
  const id = await createNote(page, 'Groceries');
  await expectSynced(page);
  // A second sync of the note: the server's copy is then at a version above 1.
  await page.getByRole('textbox', { name: 'Title' }).fill('Groceries for Sunday');
  await expectSynced(page);
  await createNote(page, 'Call the plumber');
  await expectSynced(page);

  await page.getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Check sync' });
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(section.getByRole('status')).toHaveText('Checked 2 records: in sync.');
  await expect(section.getByText('Last checked just now.')).toBeVisible();

  await makeStale(page, id, 'Groceries');
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Checked 2 records: 1 record on this device was out of date and was updated from the server.',
  );
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await expect(
    page.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: /Groceries for Sunday/ }),
  ).toBeVisible();

  // Offline, the check says why it cannot run instead of failing.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.context().setOffline(true);
  await expect(section.getByRole('button', { name: 'Check now' })).toBeDisabled();
  await expect(section.getByText('it needs a connection')).toBeVisible();
  // The browser logs the requests that going offline cut off; nothing else may appear.
  expect(appErrors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('a device that downloads the account checks itself in the background', async ({
  page,
  browser,
  baseURL,
}) => {
  const username = await openSignedUp(page);
  await createNote(page, 'First');
  await createNote(page, 'Second');
  await createNote(page, 'Third');
  await expectSynced(page);
  await withSecondDevice(browser, baseURL!, username, async (second) => {
    await second.getByRole('link', { name: 'Settings' }).click();
    await expect(second.getByRole('region', { name: 'Check sync' }).getByRole('status')).toHaveText(
      'Checked 3 records: in sync.',
    );
  });
});
