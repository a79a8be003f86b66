import { expectFits } from './support/fit.ts';
import { latestWinsDevices, retitleWhileApart } from './support/strategies.ts';
import { createNote, expect, openApp, test } from './support/fixtures.ts';
import {
  newUsername,
  openSyncSheet,
  PASSWORD,
  syncControl,
  twoOfflineDevices,
  collideOnLaptop,
} from './support/sync.ts';

/**
 * Issue 12: every screen and dialog fits 360×740, 390×844, 768×1024 and 1280×800, light and
 * dark, and axe finds no WCAG A/AA violation on it in either theme (support/fit.ts). One
 * device walks through them, empty and filled; each state is checked at every size.
 */
// Each test walks many states at four sizes in two themes: spread over the workers.
test.describe.configure({ mode: 'parallel' });

test('every screen and dialog fits the screen at four sizes, light and dark', async ({
  page,
  appErrors,
}, testInfo) => {
  test.setTimeout(240_000);
  await openApp(page);
  await expectFits(page, testInfo, 'notes-empty');

  await page.getByRole('button', { name: 'Sign in to sync' }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in to sync' });
  await expect(signIn.getByRole('textbox', { name: 'Username' })).toBeFocused();
  await expectFits(page, testInfo, 'sign-in-dialog');
  await signIn.getByRole('textbox', { name: 'Username' }).fill(newUsername());
  await signIn.getByLabel('Password').fill(PASSWORD);
  await signIn.getByRole('button', { name: 'Create account' }).click();
  await expect(syncControl(page)).toBeVisible();

  await createNote(page, 'Groceries', 'Milk\nEggs\nBread');
  await page.getByRole('textbox', { name: 'Add a tag' }).fill('home');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expectFits(page, testInfo, 'note-editor');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Changes to this note, newest first' }),
  ).toBeVisible();
  await expectFits(page, testInfo, 'note-history');

  await page.goto('/notes');
  await createNote(page, 'Call the plumber');
  await page.goto('/notes');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toBeVisible();
  await expectFits(page, testInfo, 'notes-list');

  await page.goto('/contacts/new');
  await page.getByRole('textbox', { name: 'Email' }).fill('grace@');
  await expect(page.getByText('A contact needs a name')).toBeVisible();
  await expectFits(page, testInfo, 'contact-form-invalid');
  await page.getByRole('textbox', { name: 'Name (required)' }).fill('Grace Hopper');
  await page.getByRole('textbox', { name: 'Email' }).fill('grace@navy.mil');
  await page.getByRole('textbox', { name: 'Phone' }).fill('+1 202 555 0100');
  await page.getByRole('textbox', { name: 'Company' }).fill('US Navy');
  await expect(page.getByText('Contacted 0 times')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Call Grace Hopper' })).toBeVisible();
  await expectFits(page, testInfo, 'contact-form');
  await page.goto('/contacts/new');
  await page.getByRole('textbox', { name: 'Name (required)' }).fill('Ada Lovelace');
  await expect(page.getByText('Contacted 0 times')).toBeVisible();
  await page.goto('/contacts');
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('Company');
  await expect(page.getByRole('heading', { name: 'US Navy (1 contact)' })).toBeVisible();
  await expectFits(page, testInfo, 'contacts-list');

  await page.goto('/search?q=gr');
  await expect(page.getByRole('status').filter({ hasText: 'matches' })).toBeVisible();
  await expectFits(page, testInfo, 'search');

  await page.goto('/conflicts');
  await expect(page.getByText('No conflicts')).toBeVisible();
  await expectFits(page, testInfo, 'conflicts-empty');

  const sheet = await openSyncSheet(page);
  await expectFits(page, testInfo, 'sync-sheet');
  await sheet.getByRole('button', { name: /^Sign out / }).click();
  const signOut = page.getByRole('dialog', { name: /^Sign out of / });
  await expect(signOut).toBeVisible();
  await expectFits(page, testInfo, 'sign-out-dialog');
  await signOut.getByRole('button', { name: 'Cancel' }).click();

  await page.goto('/nowhere');
  await expect(page.getByText('There is no such page')).toBeVisible();
  await expectFits(page, testInfo, 'not-found');
  // Nothing went wrong on the way: no script error, no CSP violation at any load.
  expect(appErrors).toEqual([]);
});

test('the settings screen and its dialogs fit the screen at four sizes, light and dark', async ({
  page,
  appErrors,
}, testInfo) => {
  test.setTimeout(240_000);
  await openApp(page);
  await createNote(page, 'Groceries', 'Milk');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Appearance' })).toBeVisible();
  await expectFits(page, testInfo, 'settings');
  await page.getByRole('button', { name: 'Show keyboard shortcuts' }).click();
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  await expectFits(page, testInfo, 'shortcuts-dialog');
  await shortcuts.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Import a file…').setInputFiles({
    name: 'outpost-backup-2026-12-01.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'outpost-backup',
        version: 1,
        exportedAt: '2026-12-01T10:00:00.000Z',
        collections: { notes: [{ id: 'not-a-uuid' }], contacts: [] },
      }),
    ),
  });
  const preview = page.getByRole('region', { name: /^In outpost-backup/ });
  await preview.getByText('Why one record is left out').click();
  await expectFits(page, testInfo, 'import-preview');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Clear this device…' }).click();
  const clear = page.getByRole('dialog', { name: 'Clear this device?' });
  // The note was made signed out: it has never reached a server.
  await expect(clear.getByRole('button', { name: 'Clear, and lose 1 unsent' })).toBeEnabled();
  await expectFits(page, testInfo, 'clear-device-dialog');
  await clear.getByRole('button', { name: 'Cancel' }).click();
  expect(appErrors).toEqual([]);
});

test('the conflict screens and dialog fit the screen at four sizes, light and dark', async ({
  page,
  browser,
  server,
}, testInfo) => {
  test.setTimeout(240_000);
  const { id, laptop, other } = await twoOfflineDevices(
    page,
    browser,
    server.baseURL,
    'milk\neggs\nbread',
  );
  try {
    // Both the title and a line of the text: the dialog shows a value and a text's parts.
    await collideOnLaptop(
      { page, laptop, other, id },
      {
        phone: { 'Note text': 'milk\noat milk\nbread\ntea', Title: 'Shopping for Monday' },
        laptop: { 'Note text': 'milk\nfree-range eggs\nbread', Title: 'Shopping for the party' },
      },
    );
    await expect(syncControl(other)).toHaveAccessibleName('Sync: 1 conflict');
    await expectFits(other, testInfo, 'note-with-conflict');

    await other.goto('/conflicts');
    await expect(other.getByRole('list', { name: 'Open conflicts' })).toBeVisible();
    await expectFits(other, testInfo, 'conflicts-list');

    await other
      .getByRole('button', { name: /^Resolve/ })
      .first()
      .click();
    await expect(other.getByRole('dialog', { name: /^Resolve/ })).toBeVisible();
    await expectFits(other, testInfo, 'resolve-dialog');
  } finally {
    await laptop.close();
  }
});

test('a title another device replaced (latest-wins): the notice fits the screen at four sizes, light and dark', async ({
  page,
  browser,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const { id, laptop, other } = await latestWinsDevices(page, browser, server.baseURL);
  try {
    await retitleWhileApart(page, { context: laptop, page: other }, id, {
      earlier: 'Shopping for Monday',
      later: 'Shopping for the whole party on Saturday',
    });
    await page.context().setOffline(false);
    await expect(syncControl(page)).toHaveAccessibleName('Sync: Synced', { timeout: 15_000 });
    await laptop.setOffline(false);
    await expect(page.getByText(/Your title was replaced by/)).toBeVisible({ timeout: 15_000 });
    await expectFits(page, testInfo, 'replaced-notice');
  } finally {
    await laptop.close();
  }
});

test('a note’s rendered Markdown, alone and beside its text, fits the screen at four sizes, light and dark', async ({
  page,
  appErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page);
  await createNote(
    page,
    'Packing',
    [
      '# Packing for the trip',
      '',
      'Read [the map](https://example.com/map) before leaving.',
      '',
      '- [x] Passport',
      '- [ ] Tickets',
      '  - [ ] Seat numbers',
      '',
      '```sh',
      'rsync -avz --progress ~/Documents/trip-notes/ backup@example.com:/srv/backups/outpost/a/long/path',
      '```',
      '',
      '| Day | Where | Notes |',
      '| --- | ----- | ----- |',
      '| Mon | Lisbon | Arrive late, taxi to the hotel near the river |',
    ].join('\n'),
  );
  const view = page.getByRole('radiogroup', { name: 'View' });
  await view.getByRole('radio', { name: 'Preview' }).check();
  const rendered = page.getByRole('region', { name: 'Rendered note' });
  await expect(rendered.getByRole('checkbox', { name: 'Passport' })).toBeChecked();
  await expectFits(page, testInfo, 'note-preview');
  // Side by side where there is room for it (from 64rem); narrower, the text box alone.
  await view.getByRole('radio', { name: 'Side by side' }).check();
  await expect(page.getByRole('textbox', { name: 'Note text' })).toBeVisible();
  await expect(rendered.getByRole('checkbox', { name: 'Passport' })).toBeChecked();
  await expectFits(page, testInfo, 'note-side-by-side');
  expect(appErrors).toEqual([]);
});
