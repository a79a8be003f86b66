import { expect, openApp, test } from './support/fixtures.ts';

test.describe('contacts', () => {
  test('create with validation, edit, count, delete and undo a contact', async ({
    page,
    appErrors,
  }) => {
    await openApp(page, '/contacts');
    await expect(page.getByText('No contacts yet')).toBeVisible();
    await page.getByRole('link', { name: 'New contact' }).click();

    // [R1] a name is required and an email must look like one: said in words, next to the field.
    await page.getByRole('textbox', { name: 'Email' }).fill('ada@');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await expect(page.getByText('A contact needs a name')).toBeVisible();
    await expect(page.getByText(/Enter an email address like name@example.com/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name (required)' })).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await page.getByRole('textbox', { name: 'Name (required)' }).fill('Ada Lovelace');
    await page.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
    await page.getByRole('textbox', { name: 'Company' }).fill('Analytical Engines');
    await page.getByRole('checkbox', { name: 'Favorite' }).check();
    await page.getByRole('button', { name: 'Create contact' }).click();

    const list = page.getByRole('list', { name: /^Contacts/ });
    await expect(list.getByRole('link', { name: /Ada Lovelace/ })).toContainText('Favorite');
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/')[2];

    await page.getByRole('textbox', { name: 'Phone' }).fill('+44 20 7946 0000');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await expect(page.getByText('Saved on this device')).toBeVisible();
    await expect(list.getByRole('link', { name: /Ada Lovelace/ })).toContainText(
      '+44 20 7946 0000',
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
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('+44 20 7946 0000');
    await expect(page.getByText('Contacted 1 time')).toBeVisible();

    expect(appErrors).toEqual([]);
  });

  test('search finds notes and contacts, favorites first', async ({ page }) => {
    await openApp(page, '/contacts/new');
    for (const [name, favorite] of [
      ['Zoe Garden', true],
      ['Adam Garden', false],
    ] as const) {
      await page.goto('/contacts/new');
      await page.getByRole('textbox', { name: 'Name (required)' }).fill(name);
      if (favorite) await page.getByRole('checkbox', { name: 'Favorite' }).check();
      await page.getByRole('button', { name: 'Create contact' }).click();
      await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    }
    await page.goto('/notes');
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Garden plans');
    await expect(page.getByText('Saved on this device')).toBeVisible();

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
