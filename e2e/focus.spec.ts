import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  newUsername,
  openSyncSheet,
  signIn,
  syncControl,
  twoOfflineDevices,
  collideOnLaptop,
} from './support/sync.ts';

/**
 * Focus after every action that removes the focused control, and popovers that close the way
 * people expect: keyboard and screen-reader users are never dropped on the page itself.
 */

const noteLink = (page: Page, title: string) =>
  page.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: new RegExp(title) });

test('focus after deleting a note goes to the next note in the list, then the one before, then "New note"', async ({
  page,
}) => {
  await openApp(page);
  // The list is newest first: Third, Second, First.
  for (const title of ['First', 'Second', 'Third']) await createNote(page, title);

  await noteLink(page, 'Second').click();
  await page.getByRole('button', { name: 'Delete note' }).click();
  await expect(noteLink(page, 'First')).toBeFocused();

  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Delete note' }).click();
  await expect(noteLink(page, 'Third')).toBeFocused();

  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Delete note' }).click();
  await expect(page.getByRole('button', { name: 'New note' })).toBeFocused();
});

test('focus after creating a contact with Enter stays in its form', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  await page.keyboard.type('Grace Hopper');
  await page.keyboard.press('Enter');
  const name = page.getByRole('textbox', { name: 'Name (required)' });
  await expect(name).toBeFocused();
  await expect(
    page.getByRole('list', { name: /^Contacts/ }).getByRole('link', { name: /Grace Hopper/ }),
  ).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeFocused();
});

test('focus after sign-up lands on the sync control', async ({ page }) => {
  await openApp(page);
  await signIn(page, newUsername(), 'Create account');
  await expect(syncControl(page)).toBeFocused();
});

test('Escape and a tap outside close the sign-in dialog, and focus returns to its opener', async ({
  page,
}) => {
  await openApp(page);
  const opener = page.getByRole('button', { name: 'Sign in to sync' });
  const dialog = page.getByRole('dialog', { name: 'Sign in to sync' });

  await opener.click();
  await expect(dialog.getByRole('textbox', { name: 'Username' })).toBeFocused();
  await page.keyboard.type('someone');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(opener).toHaveAttribute('aria-expanded', 'false');

  await opener.click();
  await expect(dialog).toBeVisible();
  // Inside the dialog a click changes nothing; on the dimmed page around it, it closes it.
  await dialog.getByRole('heading', { name: 'Sign in to sync' }).click();
  await expect(dialog).toBeVisible();
  await page.mouse.click(5, 400);
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('Escape and a tap outside close the sync sheet, and focus returns to the sync control', async ({
  page,
}) => {
  await openApp(page);
  await signIn(page, newUsername(), 'Create account');
  const sheet = await openSyncSheet(page);
  await expect(sheet.getByText('Nothing is waiting for the server.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(syncControl(page)).toBeFocused();

  await openSyncSheet(page);
  await page.mouse.click(5, 400);
  await expect(sheet).toBeHidden();
});

test('focus after deciding a conflict: the Resolve button is gone, so focus goes to the note title; Decide later returns it to the button', async ({
  page,
  browser,
  server,
}) => {
  const { id, laptop, other } = await twoOfflineDevices(page, browser, server.baseURL);
  try {
    await collideOnLaptop(
      { page, laptop, other, id },
      { phone: { Title: 'Shopping for Monday' }, laptop: { Title: 'Shopping for the party' } },
    );

    const resolve = other.getByRole('button', { name: 'Resolve conflict' });
    const dialog = other.getByRole('dialog', { name: /^Resolve/ });
    await resolve.click();
    await dialog.getByRole('button', { name: 'Decide later' }).click();
    await expect(dialog).toBeHidden();
    await expect(resolve).toBeFocused();

    await resolve.click();
    await dialog.getByRole('button', { name: 'Use all mine' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect(dialog).toBeHidden();
    await expect(resolve).toHaveCount(0);
    await expect(other.getByRole('textbox', { name: 'Title' })).toBeFocused();
  } finally {
    await laptop.close();
  }
});

/** Presses Tab (at most `limit` times) until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 40) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('[P3] a whole resolution by keyboard alone: open, choose per field and per part, apply, and focus lands on the note', async ({
  page,
  browser,
  server,
}) => {
  const { id, laptop, other } = await twoOfflineDevices(
    page,
    browser,
    server.baseURL,
    'milk\neggs\nbread',
  );
  try {
    await collideOnLaptop(
      { page, laptop, other, id },
      {
        phone: { 'Note text': 'milk\noat milk\nbread', Title: 'Shopping for Monday' },
        laptop: { 'Note text': 'milk\nfree-range eggs\nbread', Title: 'Shopping for the party' },
      },
    );

    const resolve = other.getByRole('button', { name: 'Resolve conflict' });
    await tabTo(other, resolve);
    await other.keyboard.press('Enter');
    const dialog = other.getByRole('dialog', { name: /^Resolve/ });
    await expect(dialog).toBeVisible();
    // The title: Tab into its choices (none chosen yet), then the arrow key picks "Use theirs".
    const title = dialog.getByRole('group', { name: 'Title' });
    await tabTo(other, title.getByRole('radio', { name: 'Use mine' }));
    await other.keyboard.press('ArrowRight');
    await expect(title.getByRole('radio', { name: 'Use theirs' })).toBeChecked();
    // The line both changed: Space takes the first choice, "Use mine".
    const part = dialog.getByRole('group', { name: 'Changed on both devices' });
    await tabTo(other, part.getByRole('radio', { name: 'Use mine' }));
    await other.keyboard.press('Space');
    await expect(part.getByRole('radio', { name: 'Use mine' })).toBeChecked();
    await tabTo(other, dialog.getByRole('button', { name: 'Apply' }));
    await other.keyboard.press('Enter');

    await expect(dialog).toBeHidden();
    const titleBox = other.getByRole('textbox', { name: 'Title' });
    await expect(titleBox).toBeFocused();
    await expect(titleBox).toHaveValue('Shopping for Monday');
    await expect(other.getByRole('textbox', { name: 'Note text' })).toHaveValue(
      'milk\nfree-range eggs\nbread',
    );
    await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue(
      'milk\nfree-range eggs\nbread',
      { timeout: 15_000 },
    );
  } finally {
    await laptop.close();
  }
});
