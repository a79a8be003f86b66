import { expect, openApp, test } from './support/fixtures.ts';

/** Keyboard shortcuts (src/ui/shortcuts): what each key does, and where keys stay text. */

test('shortcuts: ? lists them, N and C start a record that takes typing at once, / and Ctrl K search; none fires in a field', async ({
  page,
  appErrors,
}) => {
  await openApp(page);
  const title = page.getByRole('textbox', { name: 'Title' });

  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('definition')).toHaveText([
    'Search notes and contacts',
    'New note',
    'New contact',
    'Show these shortcuts',
  ]);
  // A dialog's keys are its own: N does not start a note behind it.
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/notes$/);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();

  // The key that starts a note never lands in it; what is typed right after it does.
  await page.keyboard.press('n');
  await page.keyboard.type('Plan the trip');
  await expect(title).toHaveValue('Plan the trip');
  await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);

  // In a field every key is text.
  await page.keyboard.type(' n c / ?');
  await page.keyboard.press('Control+k');
  await expect(title).toHaveValue('Plan the trip n c / ?');
  await expect(title).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Outside a field: / goes to the search box, and typing searches.
  await page.getByRole('heading', { name: 'Notes', exact: true }).click();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search notes and contacts' });
  await expect(search).toBeFocused();
  await page.keyboard.type('trip');
  await expect(page).toHaveURL(/\/search\?q=trip$/);
  await expect(page.getByRole('link', { name: /Plan the trip/ })).toBeVisible();

  // Ctrl K too, from anywhere outside a field; it selects what the box held.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await page.keyboard.type('plan');
  await expect(search).toHaveValue('plan');

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('c');
  await page.keyboard.type('Ada Lovelace');
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Ada Lovelace');
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  expect(appErrors).toEqual([]);
});

test('shortcuts: Settings shows the list too, and closing it returns focus to its button', async ({
  page,
}) => {
  await openApp(page, '/settings');
  const show = page.getByRole('button', { name: 'Show keyboard shortcuts' });
  await show.click();
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list.getByRole('term').first()).toHaveText('/ or CtrlK');
  await list.getByRole('button', { name: 'Close' }).click();
  await expect(list).toBeHidden();
  await expect(show).toBeFocused();

  // Opened with ?, it gives focus back to where it was.
  await page.getByRole('radio', { name: 'Dark' }).focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('radio', { name: 'Dark' })).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeFocused();
});
