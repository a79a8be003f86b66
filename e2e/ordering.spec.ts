import type { Page } from '@playwright/test';
import { createNote, expect, openApp, test } from './support/fixtures.ts';

/** Lists in the order a person chooses, remembered per list (src/ui/data/ordering.ts). */

const noteRows = (page: Page) => page.getByRole('list', { name: /^Notes/ }).getByRole('link');
const contactList = (page: Page) => page.getByRole('list', { name: /^Contacts/ });
const sortBy = (page: Page) => page.getByRole('combobox', { name: 'Sort by' });
/** Each row's title, without the words a screen reader hears before a pinned one. */
const titlesOf = async (page: Page) =>
  (await noteRows(page).allInnerTexts()).map(
    (text) => text.replace(/^Pinned:\s*/, '').split('\n')[0],
  );

test('notes: by title, by date created or last changed, pinned first, remembered after a reload', async ({
  page,
  appErrors,
}) => {
  await openApp(page);
  await createNote(page, 'Banana');
  await createNote(page, 'apple');
  await createNote(page, 'Cherry');
  await expect.poll(() => titlesOf(page)).toEqual(['Cherry', 'apple', 'Banana']);

  await sortBy(page).selectOption('Title');
  await expect.poll(() => titlesOf(page)).toEqual(['apple', 'Banana', 'Cherry']);
  await page.reload();
  await expect(sortBy(page)).toHaveValue('title');
  await expect.poll(() => titlesOf(page)).toEqual(['apple', 'Banana', 'Cherry']);

  // An edit moves a note up in "Last changed" order, not in "Date created".
  await noteRows(page).filter({ hasText: 'Banana' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('Banana bread');
  await sortBy(page).selectOption('Date created');
  await expect.poll(() => titlesOf(page)).toEqual(['Cherry', 'apple', 'Banana bread']);
  await expect(noteRows(page).first()).toContainText('Created just now');
  await sortBy(page).selectOption('Last changed');
  await expect.poll(() => titlesOf(page)).toEqual(['Banana bread', 'Cherry', 'apple']);

  // Pinned first, whatever the order.
  await noteRows(page).filter({ hasText: 'apple' }).click();
  await page.getByRole('checkbox', { name: 'Pinned' }).check();
  await sortBy(page).selectOption('Title');
  await expect.poll(() => titlesOf(page)).toEqual(['apple', 'Banana bread', 'Cherry']);
  await sortBy(page).selectOption('Date created');
  await expect.poll(() => titlesOf(page)).toEqual(['apple', 'Cherry', 'Banana bread']);
  expect(appErrors).toEqual([]);
});

test('contacts: grouped by company, arrow keys pass over the headings, the choice remembered', async ({
  page,
  appErrors,
}) => {
  await openApp(page, '/contacts');
  for (const [name, company] of [
    ['Grace Hopper', 'Navy'],
    ['Ada Lovelace', 'Analytical Engines'],
    ['Bob', ''],
    ['Charles Babbage', 'Analytical Engines'],
  ] as const) {
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.keyboard.type(name);
    if (company) await page.getByRole('textbox', { name: 'Company' }).fill(company);
    await expect(page.getByText('Saved on this device', { exact: true })).toBeVisible();
  }
  await sortBy(page).selectOption('Company');
  const list = contactList(page);
  await expect(list.getByRole('heading')).toHaveText([
    'Analytical Engines (2 contacts)',
    'Navy (1 contact)',
    'No company (1 contact)',
  ]);
  await expect(list.getByRole('link')).toHaveText([
    /^Ada Lovelace/,
    /^Charles Babbage/,
    /^Grace Hopper/,
    /^Bob/,
  ]);

  await list.getByRole('link', { name: /Charles Babbage/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('link', { name: /Grace Hopper/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('link', { name: /Charles Babbage/ })).toBeFocused();

  await page.reload();
  await expect(sortBy(page)).toHaveValue('company');
  await expect(contactList(page).getByRole('heading')).toHaveCount(3);
  await sortBy(page).selectOption('Name');
  await expect(contactList(page).getByRole('heading')).toHaveCount(0);
  await expect(contactList(page).getByRole('link')).toHaveText([
    /^Ada Lovelace/,
    /^Bob/,
    /^Charles Babbage/,
    /^Grace Hopper/,
  ]);
  expect(appErrors).toEqual([]);
});
