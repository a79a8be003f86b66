import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/fixtures.ts';
import { expectSynced, openSignedUp, serverRecord, syncStatus } from './support/sync.ts';

const box = (page: Page, name: string) => page.getByRole('textbox', { name });
const contactRows = (page: Page) => page.getByRole('list', { name: /^Contacts/ });
const saved = (page: Page) => page.getByText('Saved on this device', { exact: true });
const idInUrl = (page: Page) => new URL(page.url()).pathname.split('/')[2] ?? '';

test.describe('contacts', () => {
  test('create with validation, edit, count, delete and undo a contact', async ({
    page,
    appErrors,
  }) => {
    await openApp(page, '/contacts');
    await expect(page.getByText('No contacts yet')).toBeVisible();
    await page.getByRole('button', { name: 'New contact' }).click();
    await expect(box(page, 'Name (required)')).toBeFocused();

    // [R1] a name is required and an email must look like one: said in words, next to the
    // field, while what was typed is kept on the device as typed.
    await box(page, 'Email').fill('ada@');
    await expect(page.getByText('A contact needs a name')).toBeVisible();
    await expect(page.getByText(/Enter an email address like name@example.com/)).toBeVisible();
    await expect(box(page, 'Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(contactRows(page).getByRole('link', { name: /Unnamed contact/ })).toBeVisible();
    // An address the field refuses gets no link to write to it.
    await expect(page.getByRole('link', { name: /^Email/ })).toHaveCount(0);

    await box(page, 'Name (required)').fill('Ada Lovelace');
    await box(page, 'Email').fill('ada@example.com');
    await box(page, 'Company').fill('Analytical Engines');
    await page.getByRole('checkbox', { name: 'Favorite' }).check();
    const row = contactRows(page).getByRole('link', { name: /Ada Lovelace/ });
    await expect(row).toContainText('Favorite');
    await expect(page.getByText('A contact needs a name')).toHaveCount(0);
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    const id = idInUrl(page);

    await box(page, 'Phone').fill('+44 20 7946 0000');
    await expect(saved(page)).toBeVisible();
    await expect(row).toContainText('+44 20 7946 0000');
    // Tap to write, tap to call: the links carry the address and the number as a dialler reads it.
    const editor = page.getByRole('article', { name: 'Contact Ada Lovelace' });
    await expect(editor.getByRole('link', { name: 'Email Ada Lovelace' })).toHaveAttribute(
      'href',
      'mailto:ada@example.com',
    );
    await expect(editor.getByRole('link', { name: 'Call Ada Lovelace' })).toHaveAttribute(
      'href',
      'tel:+442079460000',
    );

    // [R3] the contacted counter moves by deltas.
    await page.getByRole('button', { name: 'Contacted: add one' }).click();
    await page.getByRole('button', { name: 'Contacted: add one' }).click();
    await expect(page.getByText('Contacted 2 times')).toBeVisible();
    await page.getByRole('button', { name: 'Contacted: subtract one' }).click();
    await expect(page.getByText('Contacted 1 time')).toBeVisible();

    await page.getByRole('button', { name: 'Delete contact' }).click();
    await expect(page.getByText('Contact “Ada Lovelace” deleted.')).toBeVisible();
    await expect(page.getByText('No contacts yet')).toBeVisible();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${id}$`));
    await expect(box(page, 'Phone')).toHaveValue('+44 20 7946 0000');
    await expect(page.getByText('Contacted 1 time')).toBeVisible();

    expect(appErrors).toEqual([]);
  });

  test('contact field edited, another contact opened, back: the edit is there, and on the server after sync', async ({
    page,
  }) => {
    await openSignedUp(page, '/contacts');
    const ids: string[] = [];
    for (const name of ['Grace Hopper', 'Alan Turing']) {
      await page.getByRole('button', { name: 'New contact' }).click();
      await page.keyboard.type(name);
      await expect(contactRows(page).getByRole('link', { name: new RegExp(name) })).toBeVisible();
      ids.push(idInUrl(page));
    }
    const [grace, alan] = ids as [string, string];

    await contactRows(page)
      .getByRole('link', { name: /Grace Hopper/ })
      .click();
    await box(page, 'Company').fill('US Navy');
    await contactRows(page)
      .getByRole('link', { name: /Alan Turing/ })
      .click();
    await expect(box(page, 'Name (required)')).toHaveValue('Alan Turing');
    await contactRows(page)
      .getByRole('link', { name: /Grace Hopper/ })
      .click();
    await expect(box(page, 'Company')).toHaveValue('US Navy');

    await expectSynced(page);
    expect((await serverRecord(page, grace))?.['company']).toBe('US Navy');
    expect((await serverRecord(page, alan))?.['name']).toBe('Alan Turing');
  });

  test('[R1] an invalid email is kept on the device as typed and marked, survives a reload, and goes to the server once valid', async ({
    page,
  }) => {
    await openSignedUp(page, '/contacts');
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.keyboard.type('Grace Hopper');
    await expect(syncStatus(page)).toContainText('Synced', { timeout: 10_000 });
    const id = idInUrl(page);

    await box(page, 'Email').fill('grace@');
    await expect(box(page, 'Email')).toHaveAttribute('aria-invalid', 'true');
    await page.reload();
    await expect(box(page, 'Email')).toHaveValue('grace@');
    await expect(box(page, 'Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/fix the marked fields to sync them/)).toBeVisible();
    // The server never got the invalid value; it keeps the last valid one.
    expect((await serverRecord(page, id))?.['email']).toBe('');

    await box(page, 'Email').pressSequentially('navy.mil');
    await expect(box(page, 'Email')).not.toHaveAttribute('aria-invalid', 'true');
    await expect
      .poll(async () => (await serverRecord(page, id))?.['email'], { timeout: 10_000 })
      .toBe('grace@navy.mil');
  });

  test('search finds notes and contacts, favorites first', async ({ page }) => {
    await openApp(page, '/contacts');
    for (const [name, favorite] of [
      ['Zoe Garden', true],
      ['Adam Garden', false],
    ] as const) {
      await page.goto('/contacts/new');
      await box(page, 'Name (required)').fill(name);
      if (favorite) await page.getByRole('checkbox', { name: 'Favorite' }).check();
      await expect(contactRows(page).getByRole('link', { name: new RegExp(name) })).toBeVisible();
    }
    await page.goto('/notes');
    await page.getByRole('button', { name: 'New note' }).click();
    await box(page, 'Title').fill('Garden plans');
    await expect(saved(page)).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search notes and contacts' }).fill('garden');
    await expect(page.getByRole('status').filter({ hasText: '3 matches' })).toBeVisible();
    const contacts = page.getByRole('list', { name: /^Contacts/ }).getByRole('link');
    await expect(contacts.first()).toContainText('Zoe Garden');
    await expect(contacts.nth(1)).toContainText('Adam Garden');
    await expect(page.getByRole('list', { name: /^Notes/ }).getByRole('link')).toContainText(
      'Garden plans',
    );

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search notes and contacts' })).toHaveValue(
      'garden',
    );
    await expect(page.getByRole('status').filter({ hasText: '3 matches' })).toBeVisible();
  });
});
