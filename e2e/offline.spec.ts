import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { syncStatus } from './support/sync.ts';

test.describe('offline', () => {
  test('offline reload keeps the app and the data, and offline edits survive another reload', async ({
    page,
    context,
  }) => {
    await openApp(page);
    await createNote(page, 'Written online', 'first line');

    await context.setOffline(true);
    await expect(syncStatus(page)).toHaveText('Offline — changes are saved on this device');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Written online');

    await page.getByRole('textbox', { name: 'Note text' }).fill('first line\nedited offline');
    await createNote(page, 'Written offline');
    await page.reload();

    const list = page.getByRole('list', { name: /^Notes/ });
    await expect(list.getByRole('link', { name: /Written offline/ })).toBeVisible();
    await list.getByRole('link', { name: /Written online/ }).click();
    await expect(page.getByRole('textbox', { name: 'Note text' })).toHaveValue(
      'first line\nedited offline',
    );
    await expect(syncStatus(page)).toHaveText('Offline — changes are saved on this device');
  });

  test('a deep link opens offline', async ({ page, context }) => {
    await openApp(page);
    const id = await createNote(page, 'Deep link target');
    await page.goto('/contacts');
    await context.setOffline(true);

    await page.goto(`/notes/${id}`);
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Deep link target');
    await page.goto('/search?q=deep');
    await expect(page.getByRole('list', { name: /^Notes/ }).getByRole('link')).toContainText(
      'Deep link target',
    );
  });

  test('the API is never answered from the cache', async ({ page, context }) => {
    await openApp(page);
    await context.setOffline(true);
    const status = await page.evaluate(async () => {
      try {
        return (await fetch('/api/health')).status;
      } catch {
        return 'network error';
      }
    });
    expect(status).toBe('network error');
  });
});
