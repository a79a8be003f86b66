import { createNote, expect, test } from './support/fixtures.ts';
import { expectSynced, openSignedUp, signIn } from './support/sync.ts';

/** Clear this device (src/accounts/clearing.ts): for a device that changes hands. */

test('clear this device, offline: it says what is unsent, then leaves nothing of any account; the server keeps what it had', async ({
  page,
}) => {
  const username = await openSignedUp(page);
  await createNote(page, 'On the server');
  await expectSynced(page);
  await page.context().setOffline(true);
  await createNote(page, 'Only on this device');
  await page.getByRole('link', { name: 'Settings' }).click();
  // A setting of this browser's, forgotten with the rest.
  await page.getByRole('radio', { name: 'Dark' }).check();

  await page.getByRole('button', { name: 'Clear this device…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear this device?' });
  await expect(dialog.getByRole('status')).toHaveText(
    '1 note or contact has changes that have not reached the server. They will be lost.',
  );
  // Cancel first: nothing happens, focus goes back.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Clear this device…' })).toBeFocused();

  await page.getByRole('button', { name: 'Clear this device…' }).click();
  await dialog.getByRole('button', { name: 'Clear, and lose 1 unsent' }).click();
  await expect(page).toHaveURL(/\/notes$/);
  await expect(page.getByText('No notes yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in to sync' })).toBeVisible();
  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((database) => database.name),
    keys: Object.keys(localStorage).filter((key) => key.startsWith('outpost')),
  }));
  expect(left.databases.filter((name) => name?.startsWith('outpost-account-'))).toEqual([]);
  expect(left.keys).toEqual([]);

  // The account signs in again: what reached the server comes back, and only that.
  await page.context().setOffline(false);
  await signIn(page, username, 'Sign in');
  const rows = page.getByRole('list', { name: /^Notes/ }).getByRole('link');
  await expect(rows).toHaveText([/On the server/]);
});
