import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { persistentProfile } from './support/profile.ts';

/**
 * These tests need a persistent profile: Chromium reports an ordinary (incognito-like) context
 * as not installable, and only a profile on disk survives closing the browser.
 */
test.describe('installed app', () => {
  const { launch } = persistentProfile();

  test('the app is installable: Chromium reports no installability errors', async ({ server }) => {
    const context = await launch(server.baseURL);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openApp(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('data survives closing and reopening the browser', async ({ server }) => {
    const first = await launch(server.baseURL);
    const page = first.pages()[0] ?? (await first.newPage());
    await openApp(page);
    const id = await createNote(page, 'Still here tomorrow', 'kept on disk');
    await first.close();

    const second = await launch(server.baseURL);
    try {
      const reopened = second.pages()[0] ?? (await second.newPage());
      await reopened.goto(`/notes/${id}`);
      await expect(reopened.getByRole('textbox', { name: 'Title' })).toHaveValue(
        'Still here tomorrow',
      );
      await expect(reopened.getByRole('textbox', { name: 'Note text' })).toHaveValue(
        'kept on disk',
      );
    } finally {
      await second.close();
    }
  });
});
