import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { expectSynced, openSignedUp, serverTitles } from './support/sync.ts';

test.describe('notes', () => {
  test('create, edit, delete and undo a note', async ({ page, appErrors }) => {
    await openApp(page);
    await expect(page.getByText('No notes yet')).toBeVisible();

    const id = await createNote(page, 'Groceries', 'milk\neggs');
    const list = page.getByRole('list', { name: /^Notes/ });
    const row = list.getByRole('link', { name: /Groceries/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText('just now');
    // Signed out there is nothing to sync to: no item says "not synced", one line says where
    // the notes live.
    await expect(row.getByText('Not synced yet')).toHaveCount(0);
    await expect(page.getByText('These notes are kept on this device only')).toBeVisible();

    await page.getByRole('textbox', { name: 'Title' }).fill('Groceries for Sunday');
    await expect(list.getByRole('link', { name: /Groceries for Sunday/ })).toBeVisible();

    await page.getByRole('textbox', { name: 'Add a tag' }).fill('home');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('button', { name: 'Remove tag home' })).toBeVisible();

    await page.getByRole('button', { name: 'Delete note' }).click();
    await expect(page.getByText('Note deleted.')).toBeVisible();
    await expect(list).toHaveCount(0);
    await expect(page.getByText('No notes yet')).toBeVisible();

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page).toHaveURL(new RegExp(`/notes/${id}$`));
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Groceries for Sunday');
    await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue('milk\neggs');
    await expect(page.getByRole('button', { name: 'Remove tag home' })).toBeVisible();

    expect(appErrors).toEqual([]);
  });

  test('[R1] a title of 500 emoji is 500 characters: the field takes them all and the server keeps them', async ({
    page,
  }) => {
    await openSignedUp(page);
    await createNote(page, 'Emoji');
    const title = '😀'.repeat(500);
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
    // At the limit, a character more is not taken, as maxLength would for plain letters.
    await page.getByRole('textbox', { name: 'Title' }).press('End');
    await page.keyboard.type('x');
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
    await expectSynced(page);
    expect(await serverTitles(page)).toEqual([title]);
  });

  test('pinned notes come first, and typing autosaves into the list', async ({ page }) => {
    await openApp(page);
    await createNote(page, 'Older');
    await createNote(page, 'Newer');
    const titles = page.getByRole('list', { name: /^Notes/ }).getByRole('link');
    await expect(titles.first()).toContainText('Newer');

    await titles.filter({ hasText: 'Older' }).click();
    await page.getByRole('checkbox', { name: 'Pinned' }).check();
    await expect(titles.first()).toContainText('Older');
    await expect(titles.first()).toContainText('Pinned');
  });

  test('notes are reachable by keyboard alone', async ({ page }) => {
    await openApp(page);
    await createNote(page, 'First');
    await createNote(page, 'Second');
    const rows = page.getByRole('list', { name: /^Notes/ }).getByRole('link');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(rows.filter({ hasText: 'First' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('First');
  });

  test("the tab's title names the screen and the record open in it", async ({ page }) => {
    await openApp(page);
    await expect(page).toHaveTitle('Notes — Outpost');
    await createNote(page, 'Groceries');
    await expect(page).toHaveTitle('Groceries — Outpost');
    await page.getByRole('textbox', { name: 'Title' }).fill('Groceries for Sunday');
    await expect(page).toHaveTitle('Groceries for Sunday — Outpost');

    await page.getByRole('link', { name: 'Contacts' }).click();
    await expect(page).toHaveTitle('Contacts — Outpost');
    await page.getByRole('button', { name: 'New contact' }).click();
    await expect(page).toHaveTitle('New contact — Outpost');
    await page.keyboard.type('Ada Lovelace');
    await expect(page).toHaveTitle('Ada Lovelace — Outpost');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveTitle('Settings — Outpost');
    await page.goto('/no-such-page');
    await expect(page).toHaveTitle('Page not found — Outpost');
  });
});

test.describe('a long list', () => {
  test('120 notes from the server: the list reads rows as it scrolls, keys cross its pages, an edit deep down comes to the top', async ({
    page,
  }) => {
    await openSignedUp(page);
    // Another device wrote them: the app learns of them by its event stream, then pulls.
    const mutations = Array.from({ length: 120 }, (_, index) => ({
      id: crypto.randomUUID(),
      collection: 'notes',
      recordId: crypto.randomUUID(),
      op: 'put',
      baseVersion: 0,
      clientTime: Date.now(),
      set: { title: `Far note ${index + 1}`, body: '', pinned: false },
    }));
    const pushed = await page.request.post('/api/sync/push', {
      headers: { 'Outpost-Protocol': '1' },
      data: { clientId: 'another-device', mutations },
    });
    expect(pushed.status()).toBe(200);

    const list = page.getByRole('list', { name: 'Notes (120)' });
    await expect(list).toBeVisible();
    // The bottom of the list: rows that were never read until scrolled to.
    await list.evaluate((ul) => ul.parentElement!.scrollTo({ top: ul.scrollHeight }));
    const last = list.locator('li[aria-posinset="120"]').getByRole('link');
    await expect(last).toContainText('Far note');

    // Arrow keys from the top, past the first page of rows (50), land on the 61st.
    await list.evaluate((ul) => ul.parentElement!.scrollTo({ top: 0 }));
    await list.getByRole('link').first().focus();
    for (let step = 0; step < 60; step++) await page.keyboard.press('ArrowDown');
    const sixtyFirst = list.locator('li[aria-posinset="61"]').getByRole('link');
    await expect(sixtyFirst).toBeFocused();

    const title = (await sixtyFirst.innerText()).split('\n')[0]!.trim();
    await page.keyboard.press('Enter');
    const field = page.getByRole('textbox', { name: 'Title' });
    await expect(field).toHaveValue(title);
    await field.press('End');
    await field.pressSequentially(', edited');
    await list.evaluate((ul) => ul.parentElement!.scrollTo({ top: 0 }));
    const top = list.locator('li[aria-posinset="1"]').getByRole('link');
    await expect(top).toContainText(`${title}, edited`);
    await expect(list).toHaveAccessibleName('Notes (120)');
  });
});
