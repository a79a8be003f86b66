import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { newUsername, signIn, syncStatus, twoOfflineDevices } from './support/sync.ts';

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

test('focus after sign-up lands on the sync status', async ({ page }) => {
  await openApp(page);
  await signIn(page, newUsername(), 'Create account');
  await expect(syncStatus(page)).toBeFocused();
});

test('Escape and a click outside close the sign-in popover, and focus returns to its opener', async ({
  page,
}) => {
  await openApp(page);
  const opener = page.getByRole('button', { name: 'Sign in to sync' });
  const form = page.getByRole('form', { name: 'Sign in' });

  await opener.click();
  await expect(form.getByRole('textbox', { name: 'Username' })).toBeFocused();
  await page.keyboard.type('someone');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(opener).toHaveAttribute('aria-expanded', 'false');

  await opener.click();
  await expect(form).toBeVisible();
  await page.getByRole('heading', { name: 'Notes' }).click();
  await expect(form).toBeHidden();
});

test('Escape and a click outside close the sync Details popover, and focus returns to its opener', async ({
  page,
}) => {
  await openApp(page);
  await signIn(page, newUsername(), 'Create account');
  const opener = page.getByRole('button', { name: 'Details' });
  const panel = page.getByText('Nothing is waiting for the server.');

  await opener.click();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await expect(panel).toBeVisible();
  await page.getByRole('heading', { name: 'Notes' }).click();
  await expect(panel).toBeHidden();
});

test('focus after deciding a conflict: the Resolve button is gone, so focus goes to the note title; Decide later returns it to the button', async ({
  page,
  browser,
  server,
}) => {
  const { id, laptop, other } = await twoOfflineDevices(page, browser, server.baseURL);
  try {
    await page.goto(`/notes/${id}`);
    await page.getByRole('textbox', { name: 'Title' }).fill('Shopping for Monday');
    await other.getByRole('textbox', { name: 'Title' }).fill('Shopping for the party');
    await expect(noteLink(other, 'the party')).toBeVisible();
    await page.context().setOffline(false);
    await expect(syncStatus(page)).toContainText('Synced');
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('1 conflict');

    const resolve = other.getByRole('button', { name: 'Resolve conflict' });
    const dialog = other.getByRole('dialog', { name: /^Resolve/ });
    await resolve.click();
    await dialog.getByRole('button', { name: 'Decide later' }).click();
    await expect(dialog).toBeHidden();
    await expect(resolve).toBeFocused();

    await resolve.click();
    await dialog.getByRole('button', { name: 'Keep all mine' }).click();
    await expect(dialog).toBeHidden();
    await expect(resolve).toHaveCount(0);
    await expect(other.getByRole('textbox', { name: 'Title' })).toBeFocused();
  } finally {
    await laptop.close();
  }
});
