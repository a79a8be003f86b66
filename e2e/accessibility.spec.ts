import { accessibilityViolations as violations } from './support/axe.ts';
import { createNote, expect, openApp, test } from './support/fixtures.ts';

/** Every screen, empty and filled, has no WCAG A/AA violations axe can find. */
test('every screen passes an automated accessibility check', async ({ page }) => {
  await openApp(page);
  expect(await violations(page)).toEqual([]);

  await createNote(page, 'Accessible note', 'text');
  await page.getByRole('textbox', { name: 'Add a tag' }).fill('a11y');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('button', { name: 'Remove tag a11y' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto('/contacts/new');
  await page.getByRole('textbox', { name: 'Email' }).fill('grace@');
  await expect(page.getByText('A contact needs a name')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByRole('textbox', { name: 'Name (required)' }).fill('Grace Hopper');
  await page.getByRole('textbox', { name: 'Email' }).fill('grace@navy.mil');
  await expect(page.getByText('Contacted 0 times')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto('/search?q=a');
  await expect(page.getByRole('status').filter({ hasText: 'matches' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
