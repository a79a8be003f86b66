import { createNote, expect, openApp, test } from './support/fixtures.ts';
import { newUsername, serverTitles, signIn, syncStatus, openSecondDevice } from './support/sync.ts';

/** Two devices edit the same field while apart (P3): the conflict is shown, nothing is lost. */
test('[P3] the same title edited on two devices: the second shows a conflict and keeps its own version', async ({
  page,
  browser,
  server,
}) => {
  const username = newUsername();
  await openApp(page);
  await signIn(page, username, 'Create account');
  const id = await createNote(page, 'Shopping');
  await expect(syncStatus(page)).toContainText('Synced');

  const { context: laptop, page: other } = await openSecondDevice(
    browser,
    server.baseURL,
    username,
  );
  try {
    const notes = (target: typeof page) => target.getByRole('list', { name: /^Notes/ });
    await expect(notes(other).getByRole('link', { name: /^Shopping/ })).toBeVisible();

    // Both devices go offline and change the same title differently.
    await page.context().setOffline(true);
    await laptop.setOffline(true);
    await page.goto(`/notes/${id}`);
    await page.getByRole('textbox', { name: 'Title' }).fill('Shopping for Monday');
    // Saved: the list reads the database.
    await expect(notes(page).getByRole('link', { name: /^Shopping for Monday/ })).toBeVisible();
    await other.goto(`/notes/${id}`);
    await other.getByRole('textbox', { name: 'Title' }).fill('Shopping for the party');
    await expect(notes(other).getByRole('link', { name: /^Shopping for the party/ })).toBeVisible();

    // The phone syncs first; the laptop's edit then collides with it.
    await page.context().setOffline(false);
    await expect.poll(() => serverTitles(page)).toEqual(['Shopping for Monday']);
    await laptop.setOffline(false);
    await expect(syncStatus(other)).toContainText('1 conflict');

    // The laptop keeps showing its own version, marked, in the list and the editor.
    const row = notes(other).getByRole('link', { name: /Shopping for the party/ });
    await expect(row).toContainText('Conflict with another device');
    await expect(other.getByRole('textbox', { name: 'Title' })).toHaveValue(
      'Shopping for the party',
    );
    await expect(
      other.getByRole('article', { name: 'Note editor' }).getByText('Conflict with another device'),
    ).toBeAttached();
    // Nothing was overwritten on the server either.
    expect(await serverTitles(other)).toEqual(['Shopping for Monday']);
  } finally {
    await laptop.close();
  }
});
