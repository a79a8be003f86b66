import type { Browser, Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures.ts';
import {
  expectSynced,
  newUsername,
  openSecondDevice,
  PASSWORD,
  serverRecords,
  serverTitles,
  syncControl,
  syncStatus,
} from './support/sync.ts';

/**
 * Issue 12: the day-to-day journeys on a phone, by touch only (390×844, touch screen): the list
 * and the record are separate views, the sync control opens a sheet, a conflict is decided.
 */
async function phone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    serviceWorkers: 'allow',
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  return context.newPage();
}

async function signUpByTouch(page: Page): Promise<string> {
  const username = newUsername();
  await page.getByRole('button', { name: 'Sign in to sync' }).tap();
  const dialog = page.getByRole('dialog', { name: 'Sign in to sync' });
  await dialog.getByRole('textbox', { name: 'Username' }).tap();
  await page.keyboard.type(username);
  await dialog.getByLabel('Password').tap();
  await page.keyboard.type(PASSWORD);
  await dialog.getByRole('button', { name: 'Create account' }).tap();
  await expect(syncControl(page)).toBeVisible();
  return username;
}

test('on a phone: sign in, write a note and a contact, go back to the lists, open the sync sheet', async ({
  browser,
  server,
}) => {
  const page = await phone(browser, server.baseURL);
  try {
    await openApp(page);
    await signUpByTouch(page);

    // A new note fills the screen; the list comes back with "Back to notes".
    await page.getByRole('button', { name: 'New note' }).tap();
    await page.keyboard.type('Groceries');
    await page.getByRole('textbox', { name: 'Note text' }).tap();
    await page.keyboard.type('Milk\nEggs');
    await expect(page.getByRole('list', { name: /^Notes/ })).toBeHidden();
    await page.getByRole('link', { name: 'Back to notes' }).tap();
    await expect(page).toHaveURL(/\/notes$/);
    const row = page.getByRole('list', { name: /^Notes/ }).getByRole('link', { name: /Groceries/ });
    await expect(row).toBeVisible();

    // Open it again and change it; the browser's back returns to the list as well.
    await row.tap();
    await expect(page).toHaveTitle('Groceries — Outpost');
    await page.getByRole('textbox', { name: 'Note text' }).tap();
    await page.keyboard.press('End');
    await page.keyboard.type('\nBread');
    await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue('Milk\nEggs\nBread');
    await page.goBack();
    await expect(row).toBeVisible();

    // Contacts from the tab bar at the bottom.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Contacts' })
      .tap();
    await page.getByRole('button', { name: 'New contact' }).tap();
    await page.getByRole('textbox', { name: 'Name (required)' }).tap();
    await page.keyboard.type('Grace Hopper');
    await page.getByRole('link', { name: 'Back to contacts' }).tap();
    await expect(
      page.getByRole('list', { name: /^Contacts/ }).getByRole('link', { name: /Grace Hopper/ }),
    ).toBeVisible();

    // The sync control opens a sheet with the whole status; a tap above it closes it.
    await expectSynced(page);
    await syncControl(page).tap();
    const sheet = page.getByRole('dialog', { name: 'Sync', exact: true });
    await expect(sheet).toContainText('Synced');
    await expect(sheet.getByRole('button', { name: 'Sync now' })).toBeVisible();
    await page.touchscreen.tap(195, 60);
    await expect(sheet).toBeHidden();
    const onServer = await serverRecords(page);
    expect(onServer.map((record) => record['title'] ?? record['name']).sort()).toEqual([
      'Grace Hopper',
      'Groceries',
    ]);
    expect(onServer.find((record) => record['title'] === 'Groceries')?.['body']).toBe(
      'Milk\nEggs\nBread',
    );
  } finally {
    await page.context().close();
  }
});

test('on a phone: a conflict shows on the sync control, and is decided from its sheet', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const page = await phone(browser, server.baseURL);
  try {
    await openApp(page);
    const username = await signUpByTouch(page);
    await page.getByRole('button', { name: 'New note' }).tap();
    await page.keyboard.type('Shopping');
    await expectSynced(page);
    const { context: laptop, page: other } = await openSecondDevice(
      browser,
      server.baseURL,
      username,
    );
    try {
      await other.goto(page.url());
      await expect(other.getByRole('textbox', { name: 'Title' })).toHaveValue('Shopping');
      await page.context().setOffline(true);
      await laptop.setOffline(true);
      await page.getByRole('textbox', { name: 'Title' }).tap();
      await page.keyboard.type(' for Monday');
      await other.getByRole('textbox', { name: 'Title' }).fill('Shopping for the party');
      await laptop.setOffline(false);
      await expectSynced(other);
      await page.context().setOffline(false);
      await expect(syncControl(page)).toHaveAccessibleName('Sync: 1 conflict', {
        timeout: 15_000,
      });

      await syncControl(page).tap();
      await page
        .getByRole('dialog', { name: 'Sync', exact: true })
        .getByRole('link', { name: 'Decide 1 conflict' })
        .tap();
      await expect(page).toHaveURL(/\/conflicts$/);
      await page
        .getByRole('button', { name: /^Resolve/ })
        .first()
        .tap();
      const dialog = page.getByRole('dialog', { name: /^Resolve/ });
      await dialog.getByRole('button', { name: 'Use all mine' }).tap();
      await dialog.getByRole('button', { name: 'Apply' }).tap();
      await expect(dialog).toBeHidden();
      await expect(syncStatus(page)).not.toContainText('conflict', { timeout: 15_000 });
      await expectSynced(page);
      expect(await serverTitles(page)).toEqual(['Shopping for Monday']);
    } finally {
      await laptop.close();
    }
  } finally {
    await page.context().close();
  }
});
