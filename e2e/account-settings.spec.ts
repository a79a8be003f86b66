import type { Page } from '@playwright/test';
import { createNote, expect, test } from './support/fixtures.ts';
import {
  PASSWORD,
  expectSynced,
  nameDevice,
  openSecondDevice,
  openSignedUp,
  serverTitles,
} from './support/sync.ts';

/**
 * [A6] The account in Settings, used as a person would: the sessions it has and signing one
 * out, a new password that signs the other devices out, and deleting the account.
 */

const sessionsSection = (page: Page) => page.getByRole('region', { name: 'Devices and sessions' });
const sessionRows = (page: Page) => sessionsSection(page).getByRole('listitem');

/** What a device whose session ended elsewhere says, in its header, and offers. */
async function expectSessionEnded(page: Page) {
  await expect(
    page.getByRole('region', { name: 'Sync', exact: true }).getByRole('status'),
  ).toHaveText('Your session ended: sign in again to sync.');
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
}

test('[A6] Devices and sessions lists each signed-in device by its name; signing the laptop out ends its session, and its notes stay on it', async ({
  page,
  browser,
  baseURL,
  appErrors,
}) => {
  const username = await openSignedUp(page);
  const laptop = await openSecondDevice(browser, baseURL!, username);
  try {
    await nameDevice(laptop.page, 'Laptop');
    await laptop.page.goto('/notes');
    await createNote(laptop.page, 'Written on the laptop');
    await expectSynced(laptop.page);

    await page.goto('/settings');
    await expect(sessionRows(page)).toHaveCount(2);
    const thisOne = sessionRows(page).filter({ hasText: 'This device' });
    await expect(thisOne).toHaveCount(1);
    await expect(thisOne.getByRole('button')).toHaveCount(0); // this device signs out elsewhere
    const laptopRow = sessionRows(page).filter({ hasText: 'Laptop' });
    await expect(laptopRow).toContainText(/Chrome on Linux · active just now/);

    // Offline the list stays as last loaded, says so, and nothing can be signed out from it.
    await page.context().setOffline(true);
    await expect(sessionsSection(page)).toContainText(
      'Offline: this is the list as last loaded. Signing out needs a connection.',
    );
    await expect(laptopRow.getByRole('button', { name: 'Sign out Laptop' })).toBeDisabled();
    await page.context().setOffline(false);

    await laptopRow.getByRole('button', { name: 'Sign out Laptop' }).click();
    await expect(sessionsSection(page).getByRole('status')).toHaveText('Signed out Laptop.');
    await expect(sessionRows(page)).toHaveCount(1);

    // Without a reload: the laptop opens Settings, whose sessions list is refused (401), and
    // the whole app says the session ended, rather than a list that fails on every try.
    await laptop.page.getByRole('link', { name: 'Settings' }).click();
    await expectSessionEnded(laptop.page);
    await expect(laptop.page.getByRole('region', { name: 'Devices and sessions' })).toBeHidden();
    // Signed out is not wiped: the laptop still shows what it had.
    await laptop.page.goto('/notes');
    await expect(laptop.page.getByRole('link', { name: /Written on the laptop/ })).toBeVisible();
  } finally {
    await laptop.context.close();
  }
  expect(appErrors).toEqual([]);
});

test('[A6] a password change needs the current password and signs the other devices out', async ({
  page,
  browser,
  baseURL,
}) => {
  const username = await openSignedUp(page, '/settings');
  const other = await openSecondDevice(browser, baseURL!, username);
  try {
    const section = page.getByRole('region', { name: 'Password' });
    const fill = async (current: string, next: string, again: string) => {
      await section.getByLabel('Current password').fill(current);
      await section.getByLabel('New password', { exact: true }).fill(next);
      await section.getByLabel('New password again').fill(again);
      await section.getByRole('button', { name: 'Change password' }).click();
    };
    // A slip in the new password is caught before anything is sent.
    await fill(PASSWORD, 'a brand new passphrase', 'a brand new passfrase');
    await expect(section.getByRole('alert')).toHaveText(
      'The two new passwords differ: type the same one in both.',
    );
    await expect(section.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');

    await fill('not my password', 'a brand new passphrase', 'a brand new passphrase');
    await expect(section.getByRole('alert')).toHaveText('That is not the password of this account');
    // The field it is about is marked, and only that one.
    await expect(section.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
    await expect(section.getByLabel('New password again')).not.toHaveAttribute('aria-invalid');

    await fill(PASSWORD, 'a brand new passphrase', 'a brand new passphrase');
    await expect(section.getByRole('status')).toHaveText(
      'Password changed. 1 other session was signed out.',
    );
    await expect(section.getByLabel('Current password')).toHaveValue('');
    // Its next sync, at start after a reload, finds out.
    await other.page.reload();
    await expectSessionEnded(other.page);
  } finally {
    await other.context.close();
  }
});

test('[A6] deleting the account asks for the password, then leaves nothing of it on the server or the device', async ({
  page,
}) => {
  const username = await openSignedUp(page);
  await createNote(page, 'Soon gone');
  await expectSynced(page);
  expect(await serverTitles(page)).toEqual(['Soon gone']);

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${username} for good?` });
  await dialog.getByLabel('Your password').fill('not my password');
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('That is not the password of this account');

  await dialog.getByLabel('Your password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await expect(page.getByText(`Account ${username} deleted`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in to sync' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Delete account' })).toBeHidden();

  // The name no longer signs in, and the device kept nothing of the account.
  await page.goto('/notes');
  await expect(page.getByText('No notes yet')).toBeVisible();
  await page.getByRole('button', { name: 'Sign in to sync' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByRole('textbox', { name: 'Username' }).fill(username);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toContainText('Wrong username or password');
  const databases = await page.evaluate(async () =>
    (await indexedDB.databases()).map((database) => database.name),
  );
  // The only account this browser had: its database (outpost-account-<id>) is gone.
  expect(databases.filter((name) => name?.startsWith('outpost-account-'))).toEqual([]);
});
