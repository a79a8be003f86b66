import type { BrowserContext, Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  answerMoveOffer,
  expectSynced,
  newUsername,
  openSyncSheet,
  serverTitles,
  signIn,
  signOut,
} from './support/sync.ts';

/**
 * One browser profile, several people: each account's data lives in its own database on the
 * device (src/accounts), so nobody sees or pushes another's records.
 */

const noteTitles = (page: Page) =>
  page
    .getByRole('list', { name: /^Notes/ })
    .getByRole('link')
    .allInnerTexts();

/** The note titles the list shows, once the list has settled on exactly `titles`. */
async function expectNotes(page: Page, titles: string[]) {
  if (titles.length === 0) {
    await expect(page.getByText('No notes yet')).toBeVisible();
    return;
  }
  await expect(page.getByRole('list', { name: /^Notes/ }).getByRole('link')).toHaveCount(
    titles.length,
  );
  const shown = (await noteTitles(page)).map((text) => titles.find((t) => text.includes(t)));
  expect(shown.sort()).toEqual([...titles].sort());
}

/** Offline, reloaded: the device alone must still keep the accounts apart. */
async function expectNotesOfflineAfterReload(
  page: Page,
  context: BrowserContext,
  titles: string[],
) {
  await context.setOffline(true);
  await page.reload();
  await expectNotes(page, titles);
  await context.setOffline(false);
}

test('two accounts on one browser profile: each sees only its own records, before and after going offline and reloading; the server of each holds only its own', async ({
  page,
  context,
  appErrors,
}) => {
  const [ada, bob] = [newUsername(), newUsername()];
  await openApp(page);
  await signIn(page, ada, 'Create account');
  await createNote(page, 'Ada one');
  await createNote(page, 'Ada two');
  await expectSynced(page);
  await signOut(page, ada, 'keep');
  await expectNotes(page, []);

  await signIn(page, bob, 'Create account');
  await expectNotes(page, []);
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual([]);
  await createNote(page, 'Bob one');
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual(['Bob one']);
  await expectNotesOfflineAfterReload(page, context, ['Bob one']);

  await expectSynced(page);
  await signOut(page, bob, 'keep');
  await signIn(page, ada, 'Sign in');
  await expectNotes(page, ['Ada one', 'Ada two']);
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual(['Ada one', 'Ada two']);
  await expectNotesOfflineAfterReload(page, context, ['Ada one', 'Ada two']);
  expect(appErrors).toEqual([]);
});

test("the signed-out device's records move into an account only when the person says so", async ({
  page,
}) => {
  const [ada, bob] = [newUsername(), newUsername()];
  await openApp(page);
  await createNote(page, 'Made signed out');

  await signIn(page, ada, 'Create account');
  await answerMoveOffer(page, ada, false);
  await expectNotes(page, []);
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual([]);

  await signOut(page, ada, 'keep');
  await expectNotes(page, ['Made signed out']);

  await signIn(page, bob, 'Create account');
  // Not answered yet, then a reload: asked again, nothing moved meanwhile.
  await page.reload();
  await expectNotes(page, []);
  await answerMoveOffer(page, bob, true);
  await expectNotes(page, ['Made signed out']);
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual(['Made signed out']);

  await signOut(page, bob, 'keep');
  await expectNotes(page, []);
});

test('signing out and removing the data says first what would be lost, then leaves nothing of the account on the device', async ({
  page,
  context,
  appErrors,
}) => {
  const ada = newUsername();
  await openApp(page);
  await signIn(page, ada, 'Create account');
  await createNote(page, 'On the server');
  await expectSynced(page);
  await context.setOffline(true);
  await createNote(page, 'Only on this device');

  await (await openSyncSheet(page)).getByRole('button', { name: `Sign out ${ada}` }).click();
  const dialog = page.getByRole('dialog', { name: `Sign out of ${ada}?` });
  await expect(dialog).toContainText(
    '1 note or contact has changes that have not reached the server',
  );
  await dialog
    .getByRole('button', { name: 'Remove it from this device, losing 1 unsent change' })
    .click();
  await expectNotes(page, []);
  // Deleting a database completes once every connection to it has closed: on a busy machine
  // a moment after the list is empty.
  await expect
    .poll(async () =>
      (
        await page.evaluate(async () => (await indexedDB.databases()).map((known) => known.name))
      ).filter((name) => name?.startsWith('outpost-account-')),
    )
    .toEqual([]);
  expect(appErrors).toEqual([]);

  await context.setOffline(false);
  await signIn(page, ada, 'Sign in');
  await expectSynced(page);
  await expectNotes(page, ['On the server']);
});

test("one account's unsent changes are never pushed with another's session; they go to their own account when it signs in again", async ({
  page,
  context,
}) => {
  const [ada, bob] = [newUsername(), newUsername()];
  await openApp(page);
  await signIn(page, ada, 'Create account');
  await expectSynced(page);
  await context.setOffline(true);
  await createNote(page, 'Ada wrote this offline');
  await signOut(page, ada, 'keep');
  await context.setOffline(false);

  await signIn(page, bob, 'Create account');
  await createNote(page, 'Bob wrote this');
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual(['Bob wrote this']);

  await signOut(page, bob, 'keep');
  await signIn(page, ada, 'Sign in');
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual(['Ada wrote this offline']);
  await expectNotes(page, ['Ada wrote this offline']);
});
